namespace OrleansEci.Spdy.Sessions;

/// <summary>Settings of one <see cref="SpdySession"/>. Defaults suit Kubernetes peers (Go's moby/spdystream).</summary>
public sealed class SpdySessionOptions
{
    /// <summary>SPDY/3.1's initial stream and session window (§2.6.8): 64 KiB.</summary>
    public const int DefaultWindowSize = 65536;

    /// <summary>zlib level for outbound header blocks: 0 sends stored blocks ("compression off"), 1–9 compress.
    /// Default 6. Either way each block ends in a sync-flush marker, which Go peers need.</summary>
    public int HeaderCompressionLevel { get; set; } = 6;

    /// <summary>The per-stream receive window advertised in SETTINGS and the bound of each stream's receive buffer.
    /// Default 256 KiB.</summary>
    public int InitialStreamWindowSize { get; set; } = 256 * 1024;

    /// <summary>The session receive window (SPDY/3.1), raised from 64 KiB with a WINDOW_UPDATE for stream 0.
    /// Default 1 MiB.</summary>
    public int SessionWindowSize { get; set; } = 1024 * 1024;

    /// <summary>Whether sending waits for the peer's stream and session windows. Default false, because Go's
    /// spdystream (kubelet, kube-apiserver, kubectl) never sends WINDOW_UPDATE, so an enforcing sender stalls after
    /// 64 KiB. Set true for peers that implement SPDY/3.1 flow control, such as spdy-transport.</summary>
    public bool EnforceSendWindow { get; set; }

    /// <summary>Streams the peer may have open at once; more are refused with RST_STREAM(REFUSED_STREAM). Default 100.</summary>
    public int MaxConcurrentStreams { get; set; } = 100;

    /// <summary>The largest DATA frame this side sends; larger writes are split. Default 16 KiB.</summary>
    public int MaxDataFrameSize { get; set; } = 16 * 1024;

    /// <summary>The largest frame payload accepted from the peer; larger frames are a protocol error. Default 16 MiB − 1
    /// (the wire maximum).</summary>
    public int MaxFrameSize { get; set; } = 0xFF_FFFF;

    /// <summary>The largest decompressed header block accepted from the peer. Default 1 MiB.</summary>
    public int MaxHeaderBlockSize { get; set; } = 1024 * 1024;

    /// <summary>Outbound control frames (pings, resets, window updates) that may wait for the socket before the
    /// peer is judged abusive and the session is closed. Default 1024.</summary>
    public int MaxPendingControlFrames { get; set; } = 1024;

    /// <summary>How often to send a keep-alive PING, or null for never. Default null; kube-apiserver's stream
    /// translator pings its kubelets every 5 s.</summary>
    public TimeSpan? PingInterval { get; set; }

    /// <summary>How long <see cref="SpdySession.CloseAsync"/> waits for queued frames to reach the peer before it
    /// drops the connection anyway. Default 10 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks the values and throws with a message that says how to fix the first bad one.</summary>
    public void Validate()
    {
        Check(HeaderCompressionLevel is >= 0 and <= 9, $"HeaderCompressionLevel is {HeaderCompressionLevel}; use 0 (off) to 9.");
        Check(InitialStreamWindowSize is >= 1024, $"InitialStreamWindowSize is {InitialStreamWindowSize}; use at least 1024 bytes.");
        Check(SessionWindowSize >= DefaultWindowSize, $"SessionWindowSize is {SessionWindowSize}; SPDY/3.1 sessions start at {DefaultWindowSize}, use at least that.");
        Check(MaxConcurrentStreams > 0, $"MaxConcurrentStreams is {MaxConcurrentStreams}; use 1 or more.");
        Check(MaxDataFrameSize is > 0 and <= 0xFF_FFFF, $"MaxDataFrameSize is {MaxDataFrameSize}; use 1 to 16777215.");
        Check(MaxFrameSize is >= 8192 and <= 0xFF_FFFF, $"MaxFrameSize is {MaxFrameSize}; use 8192 to 16777215.");
        Check(MaxHeaderBlockSize >= 1024, $"MaxHeaderBlockSize is {MaxHeaderBlockSize}; use at least 1024 bytes.");
        Check(MaxPendingControlFrames > 0, $"MaxPendingControlFrames is {MaxPendingControlFrames}; use 1 or more.");
        Check(CloseTimeout > TimeSpan.Zero, $"CloseTimeout is {CloseTimeout}; use a positive duration.");
        Check(PingInterval is null || PingInterval > TimeSpan.Zero, $"PingInterval is {PingInterval}; use a positive duration or null to disable pings.");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException("SpdySessionOptions." + message);
        }
    }
}
