namespace OrleansEci.Spdy.Upgrade;

/// <summary>apimachinery's <c>httpstream.Handshake</c>: the first protocol in the client's order that the server
/// supports wins. Header values may also be comma-separated.</summary>
public static class StreamProtocolNegotiation
{
    /// <summary>Splits repeated and comma-separated header values into protocol names, in order.</summary>
    public static IReadOnlyList<string> ParseClientProtocols(IEnumerable<string?> headerValues) =>
        [.. headerValues
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];

    /// <summary>Returns the first client protocol the server supports, or null.</summary>
    public static string? Negotiate(IEnumerable<string> clientProtocols, IEnumerable<string> serverProtocols)
    {
        var supported = serverProtocols.ToHashSet(StringComparer.Ordinal);
        return clientProtocols.FirstOrDefault(supported.Contains);
    }
}
