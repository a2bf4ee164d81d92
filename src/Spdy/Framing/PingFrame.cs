namespace OrleansEci.Spdy.Framing;

/// <summary>PING: the receiver echoes a ping whose id has the sender's parity (odd from clients, even from servers).</summary>
public sealed record PingFrame(uint Id) : SpdyFrame;
