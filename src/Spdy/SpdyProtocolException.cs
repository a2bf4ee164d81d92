namespace OrleansEci.Spdy;

/// <summary>The peer broke the SPDY/3.1 protocol (bad frame, bad header block, bad compression), so the connection
/// cannot continue. The session answers with GOAWAY(PROTOCOL_ERROR) and closes.</summary>
public sealed class SpdyProtocolException : IOException
{
    /// <summary>Creates the exception.</summary>
    public SpdyProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SpdyProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SpdyProtocolException()
        : base("SPDY protocol error.")
    {
    }
}
