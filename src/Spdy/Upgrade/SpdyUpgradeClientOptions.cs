using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

using OrleansEci.Spdy.RemoteCommand;
using OrleansEci.Spdy.Sessions;

namespace OrleansEci.Spdy.Upgrade;

/// <summary>How <see cref="SpdyUpgradeClient"/> connects: TLS material, method, offered protocols, extra headers.</summary>
public sealed class SpdyUpgradeClientOptions
{
    /// <summary>The client certificate (with private key) presented over TLS, e.g. kube-apiserver's kubelet client
    /// certificate. Default none.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Validates the server certificate; null uses the platform's chain and host-name checks. Default null.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    /// <summary>The HTTP method. Default POST, as client-go's SPDY executor uses.</summary>
    public string Method { get; set; } = "POST";

    /// <summary>Protocols offered in <c>X-Stream-Protocol-Version</c>, most preferred first. Default v5 … v1.</summary>
    public IReadOnlyList<string> Protocols { get; set; } = RemoteCommandProtocols.SpdyClientPreference;

    /// <summary>Extra request headers such as <c>Authorization</c>. Their values are never logged or put in exceptions.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Limit for connecting, the TLS handshake and the HTTP answer together. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest response head (status line and headers) accepted. Default 64 KiB.</summary>
    public int MaxResponseHeadSize { get; set; } = 64 * 1024;

    /// <summary>Options of the SPDY session started after the 101. Default: <see cref="SpdySessionOptions"/> defaults.</summary>
    public SpdySessionOptions Session { get; set; } = new();

    /// <summary>Checks the values and throws with a message that says how to fix the first bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Method))
        {
            throw new ArgumentException("SpdyUpgradeClientOptions.Method is empty; use POST (or GET).");
        }

        if (Protocols.Count == 0)
        {
            throw new ArgumentException("SpdyUpgradeClientOptions.Protocols is empty; offer at least one, e.g. v4.channel.k8s.io.");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"SpdyUpgradeClientOptions.ConnectTimeout is {ConnectTimeout}; use a positive duration.");
        }

        if (MaxResponseHeadSize < 1024)
        {
            throw new ArgumentException($"SpdyUpgradeClientOptions.MaxResponseHeadSize is {MaxResponseHeadSize}; use at least 1024.");
        }

        if (Headers.Keys.Any(k => k.Contains('\r', StringComparison.Ordinal) || k.Contains('\n', StringComparison.Ordinal))
            || Headers.Values.Any(v => v.Contains('\r', StringComparison.Ordinal) || v.Contains('\n', StringComparison.Ordinal)))
        {
            throw new ArgumentException("SpdyUpgradeClientOptions.Headers holds a name or value with CR or LF; remove the line break.");
        }

        Session.Validate();
    }
}
