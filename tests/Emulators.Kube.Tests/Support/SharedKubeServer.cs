[assembly: AssemblyFixture(typeof(OrleansEci.Emulators.Kube.Tests.Support.SharedKubeServer))]

namespace OrleansEci.Emulators.Kube.Tests.Support;

/// <summary>One server for the whole assembly; each test works in its own namespace.</summary>
public sealed class SharedKubeServer : IAsyncLifetime
{
    private KubeServer? _server;

    public KubeServer Server => _server ?? throw new InvalidOperationException("the shared server has not started");

    public async ValueTask InitializeAsync() => _server = await KubeServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
