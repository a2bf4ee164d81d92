namespace OrleansEci.Spdy.Framing;

/// <summary>A control frame of a type or version this library does not handle (NOOP, CREDENTIAL, extensions);
/// SPDY/3.1 §2.2.1 says to ignore it.</summary>
public sealed record UnknownControlFrame(ushort Version, ushort Type, byte Flags, int Length) : SpdyFrame;
