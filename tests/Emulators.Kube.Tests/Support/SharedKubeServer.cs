[assembly: AssemblyFixture(typeof(OrleansEci.Emulators.Kube.Tests.Support.SharedKubeServer))]

namespace OrleansEci.Emulators.Kube.Tests.Support;

/// <summary>
/// One server for the whole assembly; each test works in its own namespace. It runs no scheduler or controllers (they
/// would write to the objects other tests assert on); controller tests start servers of their own.
/// </summary>
public sealed class SharedKubeServer : IAsyncLifetime
{
    private KubeServer? _server;

    public KubeServer Server => _server ?? throw new InvalidOperationException("the shared server has not started");

    public async ValueTask InitializeAsync() => _server = await KubeServer.StartAsync(o => o.Controllers.DisableAll());

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
