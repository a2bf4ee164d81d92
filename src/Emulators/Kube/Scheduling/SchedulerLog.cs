using Microsoft.Extensions.Logging;

namespace OrleansEci.Emulators.Kube.Scheduling;

internal static partial class SchedulerLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Bound pod {Pod} to {Node}")]
    public static partial void Bound(ILogger logger, string pod, string node);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pod {Pod} is unschedulable: {Reason}")]
    public static partial void Unschedulable(ILogger logger, string pod, string reason);
}
