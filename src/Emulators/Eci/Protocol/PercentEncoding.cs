namespace OrleansEci.Emulators.Eci.Protocol;

/// <summary>
/// RFC 3986 percent-encoding as Alibaba's signatures require (reference §1.5 step 1): unreserved characters
/// <c>A–Z a–z 0–9 - _ . ~</c> stay, every other UTF-8 byte becomes <c>%XY</c> in upper case, space is <c>%20</c>.
/// .NET's <see cref="Uri.EscapeDataString(string)"/> implements exactly that set, so no hand-written encoder.
/// </summary>
internal static class PercentEncoding
{
    public static string Encode(string value) => Uri.EscapeDataString(value);

    /// <summary>Sorted (ordinal on the raw names) <c>k=v</c> pairs joined with <c>&amp;</c>, both sides encoded.</summary>
    public static string Canonicalize(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Encode(p.Key) + "=" + Encode(p.Value)));
}
