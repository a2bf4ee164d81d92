using Microsoft.Extensions.Logging;

using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Sessions;

/// <summary>Source-generated log messages of <see cref="SpdySession"/>. Headers are never logged (they may carry tokens).</summary>
internal static partial class SpdySessionLog
{
    [LoggerMessage(1, LogLevel.Warning, "SPDY protocol error from the peer: {Reason}. Sending GOAWAY and closing.")]
    public static partial void ProtocolError(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Debug, "SPDY session ended with an error.")]
    public static partial void SessionFailed(ILogger logger, Exception error);

    [LoggerMessage(3, LogLevel.Information, "Refused SPDY stream {StreamId}: going away or {Open} streams already open.")]
    public static partial void StreamRefused(ILogger logger, int streamId, int open);

    [LoggerMessage(4, LogLevel.Debug, "Peer sent GOAWAY (last good stream {LastGoodStreamId}, status {Status}).")]
    public static partial void GoAwayReceived(ILogger logger, int lastGoodStreamId, SpdyGoAwayStatus status);

    [LoggerMessage(5, LogLevel.Debug, "Ignored SPDY control frame of type {Type} ({Length} bytes).")]
    public static partial void UnknownFrameIgnored(ILogger logger, ushort type, int length);

    [LoggerMessage(6, LogLevel.Debug, "Closing the SPDY session failed.")]
    public static partial void CloseFailed(ILogger logger, Exception error);

    [LoggerMessage(7, LogLevel.Warning, "Queued SPDY frames did not reach the peer within {Timeout}; dropping the connection.")]
    public static partial void CloseTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(9, LogLevel.Debug, "SPDY stream {StreamId} overran its {Limit}-byte buffer (the peer ignores flow control); pausing reads until it drains.")]
    public static partial void StreamBackpressure(ILogger logger, int streamId, int limit);
}
