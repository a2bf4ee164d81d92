namespace OrleansEci.Emulators.Eci.Hosting;

/// <summary>An AccessKey pair the service accepts. <see cref="ToString"/> never shows the secret.</summary>
/// <param name="Id">AccessKey id, e.g. <c>LTAI-emulator</c>.</param>
/// <param name="Secret">AccessKey secret.</param>
/// <param name="SecurityToken">When set, requests with this key must carry this STS token (<c>SecurityToken</c> /
/// <c>x-acs-security-token</c>), as STS credentials do.</param>
public sealed record AccessKeyCredential(string Id, string Secret, string? SecurityToken = null)
{
    /// <summary>Parses <c>id:secret</c> (the <c>--access-key</c> command-line form).</summary>
    public static AccessKeyCredential Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            throw new FormatException("An access key is written id:secret, e.g. --access-key LTAI-test:my-secret.");
        }

        return new AccessKeyCredential(value[..colon], value[(colon + 1)..]);
    }

    /// <inheritdoc />
    public override string ToString() => $"AccessKeyCredential {{ Id = {Id}, Secret = *** }}";
}
