using Microsoft.Extensions.Logging;

namespace OrleansEci.Emulators.Kube.Controllers.FakeKubelet;

internal static partial class FakeKubeletLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated pod {Namespace}/{Name} started on {Node}")]
    public static partial void PodStarted(ILogger logger, string @namespace, string name, string node);
}
