namespace OrleansEci.Spdy.Framing;

/// <summary>RST_STREAM status codes (SPDY/3.1 §2.6.3).</summary>
public enum SpdyStreamStatus : uint
{
    /// <summary>Generic error.</summary>
    ProtocolError = 1,

    /// <summary>A frame for a stream that is not active.</summary>
    InvalidStream = 2,

    /// <summary>The stream was refused before any processing.</summary>
    RefusedStream = 3,

    /// <summary>Unsupported SPDY version.</summary>
    UnsupportedVersion = 4,

    /// <summary>The stream is no longer needed.</summary>
    Cancel = 5,

    /// <summary>A generic internal error.</summary>
    InternalError = 6,

    /// <summary>The peer violated the flow-control protocol.</summary>
    FlowControlError = 7,

    /// <summary>SYN_REPLY for an already open stream.</summary>
    StreamInUse = 8,

    /// <summary>Data or SYN_REPLY for a half-closed stream.</summary>
    StreamAlreadyClosed = 9,

    /// <summary>A frame larger than the implementation supports.</summary>
    FrameTooLarge = 11,
}
