namespace OrleansEci.Spdy.Framing;

/// <summary>A decoded SPDY/3.1 frame. Header blocks are already decompressed into <see cref="SpdyHeaders"/>.</summary>
public abstract record SpdyFrame;
