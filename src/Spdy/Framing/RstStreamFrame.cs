namespace OrleansEci.Spdy.Framing;

/// <summary>RST_STREAM: aborts stream <paramref name="StreamId"/>.</summary>
public sealed record RstStreamFrame(int StreamId, SpdyStreamStatus Status) : SpdyFrame;
