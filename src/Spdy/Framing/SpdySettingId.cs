namespace OrleansEci.Spdy.Framing;

/// <summary>SETTINGS ids (SPDY/3.1 §2.6.4). Only <see cref="MaxConcurrentStreams"/> and
/// <see cref="InitialWindowSize"/> change behaviour here; the others are parsed and ignored.</summary>
public enum SpdySettingId : uint
{
    /// <summary>Expected upload bandwidth.</summary>
    UploadBandwidth = 1,

    /// <summary>Expected download bandwidth.</summary>
    DownloadBandwidth = 2,

    /// <summary>Expected round-trip time.</summary>
    RoundTripTime = 3,

    /// <summary>Streams the sender allows the receiver to open at once.</summary>
    MaxConcurrentStreams = 4,

    /// <summary>TCP congestion window.</summary>
    CurrentCwnd = 5,

    /// <summary>Download retransmission rate.</summary>
    DownloadRetransRate = 6,

    /// <summary>The initial per-stream flow-control window for streams the receiver sends on.</summary>
    InitialWindowSize = 7,

    /// <summary>Client certificate vector size.</summary>
    ClientCertificateVectorSize = 8,
}
