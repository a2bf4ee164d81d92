namespace OrleansEci.Spdy.Framing;

/// <summary>GOAWAY status codes (SPDY/3.1 §2.6.6).</summary>
public enum SpdyGoAwayStatus : uint
{
    /// <summary>Normal session teardown.</summary>
    Ok = 0,

    /// <summary>The peer broke the protocol.</summary>
    ProtocolError = 1,

    /// <summary>An internal error.</summary>
    InternalError = 2,
}
