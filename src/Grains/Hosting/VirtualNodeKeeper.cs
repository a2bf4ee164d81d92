using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using OrleansEci.Grains.Cluster;
using OrleansEci.Grains.Nodes;

namespace OrleansEci.Grains.Hosting;

/// <summary>
/// Runs on every silo: once the silo is up, and then every <see cref="Period"/>, asks each configured virtual node
/// grain to make sure it runs. A node whose silo died is reactivated on a survivor by the next ping.
/// </summary>
internal sealed partial class VirtualNodeKeeper(IGrainFactory grains, IClusterCatalog catalog, SiloDeaths deaths, TimeProvider time, ILogger<VirtualNodeKeeper> log)
    : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    internal static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A silo's death starts a round at once: its virtual nodes come back before their Lease (40 s) runs out,
        // instead of up to a whole period later.
        using var subscription = deaths.Subscribe(() =>
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // a round is already due
            }
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (VirtualNodeSettings node in catalog.Nodes)
            {
                try
                {
                    await grains.GetGrain<IVirtualNodeGrain>(node.Name).EnsureRunning().WaitAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogEnsureFailed(log, node.Name, e);
                }
            }

            using var round = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(Task.Delay(Period, time, round.Token), _wake.WaitAsync(round.Token)).ConfigureAwait(false);
            await round.CancelAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Starting virtual node {NodeName} failed; retrying on the next round")]
    private static partial void LogEnsureFailed(ILogger logger, string nodeName, Exception exception);
}
