using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Spdy.Upgrade;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>
/// Finds a node's kubelet and connects to it as kube-apiserver does (pkg/kubelet/client/kubelet_client.go
/// NodeConnectionInfoGetter): https, host = the first address of a preferred type, port = the Node's
/// <c>daemonEndpoints.kubeletEndpoint.Port</c> (else the default), TLS with the kubelet client certificate.
/// </summary>
public sealed class KubeletConnections : IDisposable
{
    private readonly KubeletClientOptions _options;
    private readonly KubeletClientCredentials _credentials;
    private readonly X509Certificate2? _servingCa;

    public KubeletConnections(KubeletClientOptions options, KubeletClientCredentials credentials)
    {
        options.Validate();
        _options = options;
        _credentials = credentials;
        _servingCa = options.ServingCertificateAuthorityPem is { } pem ? X509Certificate2.CreateFromPem(pem) : null;
        Http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            SslOptions = ClientAuthentication(""),
        }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>For plain requests (logs, node proxy): TLS with the client certificate, no overall timeout (logs follow).</summary>
    public HttpClient Http { get; }

    /// <summary>The kubelet base URL of a Node, or 404 when the Node does not exist.</summary>
    public Uri BaseUriOf(ResourceService service, string nodeName)
    {
        var node = service.Find(service.Registry.Get("", "nodes"), null, nodeName)
            ?? throw ApiErrors.NotFound(new GroupResource("", "nodes"), nodeName);
        return BaseUriOf(node.ToJson());
    }

    /// <summary>The kubelet base URL of a Node object, e.g. <c>https://10.0.0.5:10250/</c>.</summary>
    public Uri BaseUriOf(JsonObject node)
    {
        var addresses = (KubeJson.GetOrAddObject(node, "status")["addresses"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        string? host = null;
        foreach (var type in _options.PreferredAddressTypes)
        {
            host = addresses.Where(a => KubeJson.GetString(a, "type") == type).Select(a => KubeJson.GetString(a, "address")).FirstOrDefault(a => !string.IsNullOrEmpty(a));
            if (host is not null)
            {
                break;
            }
        }

        if (host is null)
        {
            var known = string.Join(" ", addresses.Select(a => $"{{{KubeJson.GetString(a, "type")} {KubeJson.GetString(a, "address")}}}"));
            throw ApiErrors.Internal($"no preferred addresses found; known addresses: [{known}]");
        }

        if (!_options.AllowRemoteKubelets && !IsLoopback(host))
        {
            throw new ApiException(503, "ServiceUnavailable",
                $"node \"{KubeJson.GetString(node, "metadata", "name")}\" advertises the kubelet address {host}, which is not on this machine; the local API server only dials kubelets on loopback (set Kubelets.AllowRemoteKubelets to dial others)");
        }

        var declared = KubeJson.GetInt64(node["status"]?["daemonEndpoints"]?["kubeletEndpoint"]?["Port"]);
        var port = declared is > 0 and <= 65535 ? (int)declared.Value : _options.DefaultPort;
        var literal = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return new Uri($"https://{literal}:{port}/");
    }

    /// <summary>Whether a node's kubelet is on this machine (and so may be dialed by default).</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    /// <summary>Opens TCP and TLS to a kubelet (for upgrade proxying).</summary>
    public async Task<Stream> ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(uri.IdnHost, uri.Port, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var tls = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(ClientAuthentication(uri.IdnHost), timeout.Token).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Options for dialing a kubelet's exec/attach over SPDY.</summary>
    public SpdyUpgradeClientOptions SpdyOptions() => new()
    {
        ClientCertificate = _credentials.Certificate,
        ServerCertificateValidation = ValidateServer,
        ConnectTimeout = _options.ConnectTimeout,
        Session = new Spdy.Sessions.SpdySessionOptions { PingInterval = _options.SpdyPingInterval },
    };

    public void Dispose()
    {
        Http.Dispose();
        _servingCa?.Dispose();
    }

    private SslClientAuthenticationOptions ClientAuthentication(string host) => new()
    {
        TargetHost = host,
        ApplicationProtocols = [SslApplicationProtocol.Http11],
        ClientCertificates = [_credentials.Certificate],
        RemoteCertificateValidationCallback = ValidateServer,
        EnabledSslProtocols = SslProtocols.None,
    };

    private bool ValidateServer(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_servingCa is null)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        return CustomRootTrust.Chains(certificate, [_servingCa]);
    }
}
