using Microsoft.Extensions.Logging;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>Source-generated log messages of the remote-command layer.</summary>
internal static partial class RemoteCommandLog
{
    [LoggerMessage(101, LogLevel.Warning, "Reset SPDY stream {StreamId} of unexpected type '{StreamType}'.")]
    public static partial void UnexpectedStream(ILogger logger, string streamType, int streamId);

    [LoggerMessage(102, LogLevel.Debug, "Ignored a bad resize message: {Reason}.")]
    public static partial void BadResize(ILogger logger, string reason);

    [LoggerMessage(103, LogLevel.Debug, "Completing the remote command failed; the client has probably gone.")]
    public static partial void CompleteFailed(ILogger logger, Exception error);

    [LoggerMessage(104, LogLevel.Warning, "Forwarding the remote command failed: {Reason}.")]
    public static partial void BridgeFailed(ILogger logger, string reason);

    [LoggerMessage(105, LogLevel.Debug, "Ignored WebSocket message on channel {Channel} ({Length} bytes).")]
    public static partial void IgnoredChannel(ILogger logger, int channel, int length);
}
