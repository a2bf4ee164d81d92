using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Sessions;

/// <summary>What Go's spdystream accepts in outbound header blocks (reference/spdy.md, "hard rules").</summary>
internal static class SpdyHeaderRules
{
    private static readonly string[] HopByHop = ["connection", "host", "keep-alive", "proxy-connection", "transfer-encoding"];

    /// <summary>Throws when <paramref name="headers"/> carries a header the peer would reject with
    /// InvalidHeaderPresent. SYN_REPLY may carry <c>host</c>.</summary>
    public static void EnsureSendable(SpdyHeaders headers, bool isReply)
    {
        foreach (var (name, _) in headers)
        {
            if (HopByHop.Contains(name, StringComparer.Ordinal) && !(isReply && name == "host"))
            {
                throw new ArgumentException(
                    $"SPDY/3 forbids the '{name}' header in {(isReply ? "SYN_REPLY" : "SYN_STREAM")}; Go peers close the connection on it. Remove it.",
                    nameof(headers));
            }
        }
    }
}
