namespace OrleansEci.Spdy.Framing;

/// <summary>SYN_STREAM: opens stream <paramref name="StreamId"/> (odd from clients, even from servers).</summary>
/// <param name="StreamId">The new stream's id.</param>
/// <param name="AssociatedStreamId">The stream this one is associated with (server push), or 0.</param>
/// <param name="Priority">0 (highest) to 7.</param>
/// <param name="Fin">The sender sends nothing more on this stream.</param>
/// <param name="Unidirectional">The receiver must not send on this stream.</param>
/// <param name="Headers">The stream's headers.</param>
public sealed record SynStreamFrame(int StreamId, int AssociatedStreamId, byte Priority, bool Fin, bool Unidirectional, SpdyHeaders Headers)
    : SpdyFrame;
