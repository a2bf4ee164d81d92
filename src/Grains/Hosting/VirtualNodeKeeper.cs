using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using OrleansEci.Grains.Cluster;
using OrleansEci.Grains.Nodes;

namespace OrleansEci.Grains.Hosting;

/// <summary>
/// Runs on every silo: once the silo is up, and then every <see cref="Period"/>, asks each configured virtual node
/// grain to make sure it runs. A node whose silo died is reactivated on a survivor by the next ping.
/// </summary>
internal sealed partial class VirtualNodeKeeper(IGrainFactory grains, IClusterCatalog catalog, TimeProvider time, ILogger<VirtualNodeKeeper> log)
    : BackgroundService
{
    internal static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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

            await Task.Delay(Period, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Starting virtual node {NodeName} failed; retrying on the next round")]
    private static partial void LogEnsureFailed(ILogger logger, string nodeName, Exception exception);
}
