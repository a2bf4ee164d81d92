namespace OrleansEci.Spdy.WebSockets;

/// <summary>One decoded channel message: the channel number and its payload (already base64-decoded).</summary>
public readonly record struct WebSocketChannelFrame(byte Channel, ReadOnlyMemory<byte> Data);
