using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OrleansEci.KubeletApi.Webhook;

/// <summary>Starts the namespace cache and the vk-webhook registration loop when the webhook is enabled, and stops them.</summary>
internal sealed class WebhookLoops(IOptions<WebhookOptions> options, NamespaceCache namespaces, WebhookRegistrar registrar) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await namespaces.StartAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.Register)
        {
            await registrar.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        if (options.Value.Register)
        {
            await registrar.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        await namespaces.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
