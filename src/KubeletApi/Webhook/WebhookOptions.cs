using System.Net;

using OrleansEci.KubeletApi.Admission;

namespace OrleansEci.KubeletApi.Webhook;

/// <summary>
/// The admission webhook's own HTTPS server (section <c>Webhook</c>) and the <c>vk-webhook</c> configuration that points
/// the API server at it (<see cref="Configuration"/>, section <c>Webhook:Configuration</c>).
/// </summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhook";

    private string? _badEnabled;

    /// <summary>Environment variable for <see cref="Enabled"/>, as in Alibaba's vk.yaml (eci-on-kubernetes.md §1).</summary>
    public const string EnabledVariable = "WEBHOOK";

    /// <summary>
    /// Serve the webhook and keep vk-webhook registered. Default false, as in Alibaba's vk.yaml, where <c>WEBHOOK: "true"</c>
    /// turns it on (deploy/ and the sandbox do); several silo processes on one host would otherwise share its port.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>The HTTPS port; deploy/'s Service maps 443 to it. Default 8443.</summary>
    public int Port { get; set; } = 8443;

    /// <summary>Address to listen on. Default 0.0.0.0.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>PEM serving certificate (e.g. from cert-manager); with <see cref="ServingKeyPath"/>. Unset: a generated one.</summary>
    public string? ServingCertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="ServingCertificatePath"/>.</summary>
    public string? ServingKeyPath { get; set; }

    /// <summary>
    /// PEM CA bundle that signed <see cref="ServingCertificatePath"/>, written to vk-webhook's caBundle. Unset with a
    /// configured certificate: the certificate itself (right for a self-signed one).
    /// </summary>
    public string? CaBundlePath { get; set; }

    /// <summary>
    /// With a generated certificate: the Secret holding the CA all silos share (created by the first silo). Unset: each
    /// process makes its own CA, which is right for one silo only, since vk-webhook carries one caBundle. deploy/ sets it.
    /// </summary>
    public string? CaSecretName { get; set; }

    /// <summary>The namespace of <see cref="CaSecretName"/>: the silos' own. Default <c>POD_NAMESPACE</c>, else <c>kube-system</c>.</summary>
    public string CaSecretNamespace { get; set; } = Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } ns ? ns : "kube-system";

    /// <summary>Keep vk-webhook in step with the profile from this process. Default true.</summary>
    public bool Register { get; set; } = true;

    /// <summary>How often vk-webhook is compared with what it should be although the profile did not change (someone edited it). Default 5 min.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the registration loop looks for a new profile in this silo's cache (memory only). Default 1 s.</summary>
    public TimeSpan ProfileCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>vk-webhook's name, Service, failure policy, timeout and excluded namespaces.</summary>
    public WebhookConfigurationOptions Configuration { get; set; } = new();

    /// <summary>Reads <see cref="EnabledVariable"/> when set.</summary>
    public WebhookOptions ApplyEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (getVariable(EnabledVariable) is { Length: > 0 } text)
        {
            if (bool.TryParse(text.Trim(), out bool enabled))
            {
                Enabled = enabled;
            }
            else
            {
                _badEnabled = text;
            }
        }

        return this;
    }

    /// <summary>
    /// The DNS names the API server dials for the Service reference (kube-apiserver uses <c>name.namespace.svc</c>), and
    /// the longer forms: the SANs of a generated certificate.
    /// </summary>
    public IReadOnlyList<string> ServiceDnsNames()
    {
        string name = Configuration.ServiceName;
        string ns = Configuration.ServiceNamespace;
        return [name, $"{name}.{ns}", $"{name}.{ns}.svc", $"{name}.{ns}.svc.cluster.local"];
    }

    /// <summary>Every problem, each with how to fix it; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        List<string> problems = [];
        if (_badEnabled is not null)
        {
            problems.Add($"{EnabledVariable}='{_badEnabled}' is not a switch. Set \"true\" or \"false\".");
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add($"{SectionName}:Port {Port} is out of range. Set 1-65535 (default 8443, the Service's targetPort).");
        }

        if (!IPAddress.TryParse(ListenAddress, out _))
        {
            problems.Add($"{SectionName}:ListenAddress \"{ListenAddress}\" is not an IP address. Use 0.0.0.0 or the pod IP.");
        }

        if ((ServingCertificatePath is null) != (ServingKeyPath is null))
        {
            problems.Add($"{SectionName}:ServingCertificatePath and ServingKeyPath go together. Set both, or neither for a generated certificate.");
        }

        if (CaBundlePath is not null && ServingCertificatePath is null)
        {
            problems.Add($"{SectionName}:CaBundlePath is set without ServingCertificatePath; a generated certificate brings its own CA. Set both or neither.");
        }

        if (ResyncInterval <= TimeSpan.Zero || ProfileCheckInterval <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:ResyncInterval and ProfileCheckInterval must be positive (defaults 00:05:00 and 00:00:01).");
        }

        if (Configuration.FailurePolicy is not ("Ignore" or "Fail"))
        {
            problems.Add($"{SectionName}:Configuration:FailurePolicy is \"{Configuration.FailurePolicy}\". Set Ignore or Fail.");
        }

        if (Configuration.TimeoutSeconds is < 1 or > 30)
        {
            problems.Add($"{SectionName}:Configuration:TimeoutSeconds is {Configuration.TimeoutSeconds}. Set 1 to 30 (the API server's limits).");
        }

        if (string.IsNullOrWhiteSpace(Configuration.Name) || string.IsNullOrWhiteSpace(Configuration.ServiceName) || string.IsNullOrWhiteSpace(Configuration.ServiceNamespace))
        {
            problems.Add($"{SectionName}:Configuration:Name, ServiceName and ServiceNamespace must be set (defaults vk-webhook, vk-webhook, kube-system).");
        }

        return problems;
    }
}
