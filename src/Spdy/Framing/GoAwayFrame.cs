namespace OrleansEci.Spdy.Framing;

/// <summary>GOAWAY: the sender accepts no new streams; streams above <paramref name="LastGoodStreamId"/> were not processed.</summary>
public sealed record GoAwayFrame(int LastGoodStreamId, SpdyGoAwayStatus Status) : SpdyFrame;
