using OrleansEci.Eci.Signing;

namespace OrleansEci.Eci.Errors;

/// <summary>
/// Removes the client's own secrets (AccessKey secret, STS token) from text that came from the
/// server or the network before it reaches an exception or a log. ECI's
/// <c>SignatureDoesNotMatch</c> message quotes the server's string to sign, which contains every
/// parameter, including <c>SecurityToken</c>, percent-encoded (once or twice).
/// </summary>
internal sealed class SecretRedactor
{
    public const string Mask = "***";

    private readonly string[] _forms;

    public SecretRedactor(params string?[] secrets)
    {
        _forms = secrets
            .Where(static s => !string.IsNullOrEmpty(s) && s.Length >= 4)
            .SelectMany(static s => new[] { s!, EciRpcSignature.PercentEncode(s!), EciRpcSignature.PercentEncode(EciRpcSignature.PercentEncode(s!)), Uri.EscapeDataString(s!) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(static s => s.Length)
            .ToArray();
    }

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (string form in _forms)
        {
            text = text.Replace(form, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
