namespace OrleansEci.Spdy.Upgrade;

/// <summary>Header names and values of the SPDY/3.1 HTTP upgrade (apimachinery <c>httpstream</c>).</summary>
public static class SpdyUpgradeHeaders
{
    /// <summary>The <c>Upgrade</c> token.</summary>
    public const string UpgradeToken = "SPDY/3.1";

    /// <summary>One header per protocol the client offers; the server answers with the chosen one.</summary>
    public const string ProtocolVersion = "X-Stream-Protocol-Version";

    /// <summary>On 403, one header per protocol the server supports.</summary>
    public const string AcceptedProtocolVersions = "X-Accepted-Stream-Protocol-Versions";
}
