using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy;

/// <summary>A stream can no longer be written because it was reset (by the peer or locally), or the session closed.</summary>
public sealed class SpdyStreamResetException : IOException
{
    /// <summary>Creates the exception for <paramref name="streamId"/> reset with <paramref name="status"/>.</summary>
    public SpdyStreamResetException(int streamId, SpdyStreamStatus status, string message)
        : base($"SPDY stream {streamId}: {message} ({status}).")
    {
        StreamId = streamId;
        Status = status;
    }

    /// <summary>Creates the exception.</summary>
    public SpdyStreamResetException()
        : base("SPDY stream reset.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public SpdyStreamResetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SpdyStreamResetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The stream's id.</summary>
    public int StreamId { get; }

    /// <summary>The RST_STREAM status that ended the stream.</summary>
    public SpdyStreamStatus Status { get; }
}
