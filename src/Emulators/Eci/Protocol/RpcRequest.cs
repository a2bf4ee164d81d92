namespace OrleansEci.Emulators.Eci.Protocol;

/// <summary>One RPC call as read off the wire, before authentication.</summary>
/// <param name="Method">The HTTP verb (<c>GET</c> or <c>POST</c>), part of the v1 string to sign.</param>
/// <param name="Query">URL query parameters only (v3 signs these, not the body).</param>
/// <param name="Parameters">Query and form parameters merged (reference §1.2).</param>
/// <param name="Headers">Request headers, keys lower-case.</param>
/// <param name="BodySha256Hex">Hex SHA-256 of the raw body, for v3's <c>x-acs-content-sha256</c>.</param>
internal sealed record RpcRequest(
    string Method,
    IReadOnlyDictionary<string, string> Query,
    RpcParameters Parameters,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Headers,
    string BodySha256Hex)
{
    public string? Header(string lowerName) =>
        Headers.TryGetValue(lowerName, out IReadOnlyList<string>? v) && v.Count > 0 ? v[0] : null;

    /// <summary>The action, from the <c>Action</c> parameter or the v3 <c>x-acs-action</c> header.</summary>
    public string? Action => Parameters.Optional("Action") ?? Header("x-acs-action");
}
