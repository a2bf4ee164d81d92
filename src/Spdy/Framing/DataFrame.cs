namespace OrleansEci.Spdy.Framing;

/// <summary>DATA on stream <paramref name="StreamId"/>; <paramref name="Fin"/> half-closes the sender's side.</summary>
public sealed record DataFrame(int StreamId, bool Fin, ReadOnlyMemory<byte> Data) : SpdyFrame;
