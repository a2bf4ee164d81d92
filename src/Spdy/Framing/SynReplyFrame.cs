namespace OrleansEci.Spdy.Framing;

/// <summary>SYN_REPLY: accepts stream <paramref name="StreamId"/>; Kubernetes peers send an empty header block.</summary>
public sealed record SynReplyFrame(int StreamId, bool Fin, SpdyHeaders Headers) : SpdyFrame;
