using Microsoft.Extensions.Logging;

namespace OrleansEci.Emulators.Kube.Controllers.GarbageCollection;

internal static partial class GarbageCollectorLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Garbage collecting {Item} with propagation {Policy}")]
    public static partial void Deleting(ILogger logger, GcItem item, string policy);
}
