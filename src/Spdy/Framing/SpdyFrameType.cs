namespace OrleansEci.Spdy.Framing;

/// <summary>SPDY/3.1 control frame types (draft-mbelshe-httpbis-spdy-00 §2.6, plus WINDOW_UPDATE of SPDY/3.1).</summary>
public enum SpdyFrameType : ushort
{
    /// <summary>Opens a stream.</summary>
    SynStream = 1,

    /// <summary>Accepts a stream.</summary>
    SynReply = 2,

    /// <summary>Aborts a stream.</summary>
    RstStream = 3,

    /// <summary>Connection settings.</summary>
    Settings = 4,

    /// <summary>Round-trip and liveness check.</summary>
    Ping = 6,

    /// <summary>Ends the connection: no new streams.</summary>
    GoAway = 7,

    /// <summary>More headers on an open stream.</summary>
    Headers = 8,

    /// <summary>Flow-control credit for a stream, or for the session when the stream id is 0.</summary>
    WindowUpdate = 9,
}
