using Microsoft.Extensions.Logging;

namespace OrleansEci.KubeletApi.Exec;

/// <summary>The exec route's log lines. Commands are not logged: their arguments may carry secrets.</summary>
internal static partial class ExecLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Exec in {Namespace}/{Pod} container {Container} (group {GroupId}, {Protocol}, tty {Tty}) ended: {Outcome}")]
    public static partial void Ended(ILogger logger, string @namespace, string pod, string container, string groupId, string protocol, bool tty, string outcome);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Exec in {Namespace}/{Pod} container {Container}: the connection to ECI's exec WebSocket failed")]
    public static partial void ConnectFailed(ILogger logger, string @namespace, string pod, string container, Exception exception);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Information, Message = "Exec in {Namespace}/{Pod} container {Container} (group {GroupId}) ended with the connection: {Reason}")]
    public static partial void Aborted(ILogger logger, string @namespace, string pod, string container, string groupId, string reason);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Exec bridge: {Direction} stopped: {Reason}")]
    public static partial void PumpStopped(ILogger logger, string direction, string reason);
}
