using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Admission;

/// <summary>One API server and one webhook server for a test class; each test works in its own namespace.</summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    private KubeServer? _kube;
    private WebhookServer? _webhooks;

    public KubeServer Kube => _kube ?? throw new InvalidOperationException("not started");

    public WebhookServer Webhooks => _webhooks ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        _kube = await KubeServer.StartAsync();
        _webhooks = await WebhookServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_webhooks is not null)
        {
            await _webhooks.DisposeAsync();
        }

        if (_kube is not null)
        {
            await _kube.DisposeAsync();
        }
    }
}
