namespace OrleansEci.Spdy.Framing;

/// <summary>HEADERS: additional headers on an open stream.</summary>
public sealed record HeadersFrame(int StreamId, bool Fin, SpdyHeaders Headers) : SpdyFrame;
