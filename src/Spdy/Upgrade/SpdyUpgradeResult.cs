using OrleansEci.Spdy.Sessions;

namespace OrleansEci.Spdy.Upgrade;

/// <summary>An upgraded connection: the SPDY session and the negotiated <c>X-Stream-Protocol-Version</c>.</summary>
/// <param name="Session">The session; dispose it to close the connection.</param>
/// <param name="Protocol">The negotiated protocol, e.g. <c>v4.channel.k8s.io</c> (empty if the server named none).</param>
public sealed record SpdyUpgradeResult(SpdySession Session, string Protocol);
