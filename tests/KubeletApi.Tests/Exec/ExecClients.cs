using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

using OrleansEci.KubeletApi.Tests.Kubelet;
using OrleansEci.Spdy.RemoteCommand;
using OrleansEci.Spdy.Upgrade;

namespace OrleansEci.KubeletApi.Tests.Exec;

/// <summary>The two ways an exec reaches the kubelet: SPDY/3.1 as kube-apiserver dials it, and a WebSocket as older clients do.</summary>
internal static class ExecClients
{
    /// <summary>The kubelet URL of an exec (or attach), with the request's query.</summary>
    public static Uri Url(KubeletTestServer server, string pod, RemoteCommandRequest request, string kind = "exec", string? uid = null) =>
        new(server.BaseUri, $"{kind}/default/{pod}/{(uid is null ? "" : uid + "/")}{request.Container}{request.ToKubeletQueryString()}");

    /// <summary>An exec over SPDY with the API server's client certificate, as kube-apiserver opens it.</summary>
    public static Task<SpdyRemoteCommandClient> SpdyAsync(KubeletTestServer server, string pod, RemoteCommandRequest request, string? uid = null) =>
        SpdyRemoteCommandClient.ConnectAsync(Url(server, pod, request, uid: uid), request, new SpdyUpgradeClientOptions
        {
            ClientCertificate = server.ApiServerCertificate,
            ServerCertificateValidation = AnyServingCertificate,
        }, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Reads stdout and stderr to their ends, then the status, as client-go does.</summary>
    public static async Task<(string Stdout, string Stderr, RemoteCommandStatus Status)> RunToEndAsync(IRemoteCommandClient client)
    {
        var ct = TestContext.Current.CancellationToken;
        var stdout = ReadAllAsync(client.Stdout, ct);
        var stderr = ReadAllAsync(client.Stderr, ct);
        await Task.WhenAll(stdout, stderr);
        return (await stdout, await stderr, await client.WaitForStatusAsync(ct));
    }

    /// <summary>An exec over a WebSocket offering <paramref name="protocol"/>, with the API server's client certificate.</summary>
    public static async Task<ChannelWebSocketClient> WebSocketAsync(KubeletTestServer server, string pod, RemoteCommandRequest request, string protocol)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(protocol);
        socket.Options.ClientCertificates.Add(server.ApiServerCertificate);
        socket.Options.RemoteCertificateValidationCallback = AnyServingCertificate;
        var url = new UriBuilder(Url(server, pod, request)) { Scheme = "wss" }.Uri;
        await socket.ConnectAsync(url, TestContext.Current.CancellationToken);
        return new ChannelWebSocketClient(socket, protocol);
    }

    // The kubelet's serving certificate is self-signed, as kube-apiserver's default (unverified); its SANs are checked in HostingTests.
    private static bool AnyServingCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => certificate is not null;

    public static RemoteCommandRequest Command(params string[] command) =>
        new(Stdin: false, Stdout: true, Stderr: true, Tty: false) { Command = command, Container = "app" };

    private static async Task<string> ReadAllAsync(Stream? stream, CancellationToken ct)
    {
        if (stream is null)
        {
            return "";
        }

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        return Encoding.UTF8.GetString(copy.ToArray());
    }
}
