using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using OrleansEci.KubeletApi.Admission;
using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Webhook;

/// <summary>Maps the webhook as registered by <see cref="WebhookServiceCollectionExtensions.AddAdmissionWebhook"/>.</summary>
public static class WebhookEndpointExtensions
{
    /// <summary>
    /// Maps <c>POST /mutate-pods</c> with the namespace cache, the profile source and the <c>Admission</c> options from
    /// the container, answering only on the webhook's port (by the connection's local port: the API server's Host header
    /// names the Service's port, 443, not ours). Maps nothing when the webhook is disabled.
    /// </summary>
    public static IEndpointConventionBuilder? MapAdmissionWebhook(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        IServiceProvider services = endpoints.ServiceProvider;
        WebhookOptions options = services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        if (!options.Enabled)
        {
            return null;
        }

        int port = options.Port;
        return endpoints.MapAdmissionWebhook(
                services.GetRequiredService<INamespaceLabelLookup>(),
                services.GetRequiredService<IEciProfileSource>(),
                services.GetRequiredService<IOptions<AdmissionOptions>>().Value)
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.Connection.LocalPort == port ? await next(context).ConfigureAwait(false) : Results.NotFound());
    }
}
