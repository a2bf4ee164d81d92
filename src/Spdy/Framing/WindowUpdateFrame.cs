namespace OrleansEci.Spdy.Framing;

/// <summary>WINDOW_UPDATE: <paramref name="DeltaWindowSize"/> more bytes may be sent on the stream, or on the
/// session when <paramref name="StreamId"/> is 0 (SPDY/3.1).</summary>
public sealed record WindowUpdateFrame(int StreamId, int DeltaWindowSize) : SpdyFrame;
