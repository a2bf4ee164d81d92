using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

using OrleansEci.Emulators.Kube.Streaming;
using OrleansEci.Spdy.Framing;
using OrleansEci.Spdy.Sessions;
using OrleansEci.Spdy.Upgrade;

namespace OrleansEci.Emulators.Kube.Tests.Streaming;

/// <summary>pods/portforward (SPDY proxied to the kubelet, and the WebSocket tunnel of kubectl ≥ 1.31) and nodes/proxy.</summary>
public sealed class PortForwardProxyTests : IClassFixture<KubeletCluster>
{
    private readonly KubeletCluster _cluster;

    public PortForwardProxyTests(KubeletCluster cluster)
    {
        _cluster = cluster;
    }

    [Fact(Timeout = 30_000)]
    public async Task PortForward_Spdy_ReachesThePodPortThroughTheKubelet()
    {
        var ct = TestContext.Current.CancellationToken;
        using var echo = EchoServer.Start();
        var pod = await _cluster.CreatePodAsync("forwarded");
        var uri = new Uri(_cluster.Kube.Server.BaseUri, $"api/v1/namespaces/{pod.Metadata.NamespaceProperty}/pods/forwarded/portforward");

        var upgraded = await SpdyUpgradeClient.ConnectAsync(uri, new SpdyUpgradeClientOptions { Protocols = ["portforward.k8s.io"] }, cancellationToken: ct);
        await using var session = upgraded.Session;

        Assert.Equal("portforward.k8s.io", upgraded.Protocol);
        Assert.Equal("ping over spdy", await RoundTripAsync(session, echo.Port, "ping over spdy", ct));
    }

    [Fact(Timeout = 30_000)]
    public async Task PortForward_WebSocketTunnel_CarriesSpdyToTheKubelet()
    {
        var ct = TestContext.Current.CancellationToken;
        using var echo = EchoServer.Start();
        var pod = await _cluster.CreatePodAsync("tunneled");
        // ClientWebSocket refuses '/' in a subprotocol name; kubectl (Go) sends it, so the handshake is written by hand.
        using var socket = await TunnelHandshakeAsync(_cluster.Kube.Server.BaseUri, $"/api/v1/namespaces/{pod.Metadata.NamespaceProperty}/pods/tunneled/portforward", ct);
        await using var session = SpdySession.StartClient(new WebSocketByteStream(socket));

        Assert.Equal("ping over a tunnel", await RoundTripAsync(session, echo.Port, "ping over a tunnel", ct));
    }

    [Fact]
    public async Task PortForward_PodNotBound_Is400NoHostAssigned()
    {
        var pod = await _cluster.CreatePodAsync("nowhere", bound: false);

        var (status, body, _) = await _cluster.Kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{pod.Metadata.NamespaceProperty}/pods/nowhere/portforward");

        Assert.Equal(400, status);
        Assert.Equal("pod nowhere does not have a host assigned", body?["message"]?.GetValue<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task NodeProxy_Get_ReturnsTheKubeletAnswer()
    {
        var ct = TestContext.Current.CancellationToken;
        _cluster.Kubelet.Usage.SetNode(12.5, 1 << 30);

        var (status, _, response) = await _cluster.Kube.SendAsync(HttpMethod.Get, $"/api/v1/nodes/{_cluster.NodeName}/proxy/metrics/resource");
        var text = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(200, status);
        Assert.Contains("node_cpu_usage_seconds_total 12.5 ", text, StringComparison.Ordinal);
    }

    private static async Task<WebSocket> TunnelHandshakeAsync(Uri server, string path, CancellationToken ct)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, ct);
        var stream = tcp.GetStream();
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var request = $"GET {path} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
            + $"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Protocol: {PortForwardSubresource.TunnelProtocol}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), ct);
        var head = await ResponseHead.ReadAsync(stream, ct);
        Assert.True(head.StatusCode == 101, $"expected 101 for the tunnel, got {head.StatusCode}");
        Assert.Equal(PortForwardSubresource.TunnelProtocol, head["Sec-WebSocket-Protocol"]);
        Assert.True(head.Rest.IsEmpty, "the server must not send frames before the client's first SPDY frame");
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false });
    }

    /// <summary>Opens the error and data streams of one port-forward connection (as kubectl does) and echoes a message.</summary>
    private static async Task<string> RoundTripAsync(SpdySession session, int port, string message, CancellationToken ct)
    {
        var headers = (string type) => new SpdyHeaders { { "streamtype", type }, { "port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }, { "requestid", "0" } };
        var error = await session.OpenStreamAsync(headers("error"), cancellationToken: ct);
        await error.WaitForReplyAsync(ct);
        var data = await session.OpenStreamAsync(headers("data"), cancellationToken: ct);
        await data.WaitForReplyAsync(ct);
        await data.WriteAsync(Encoding.UTF8.GetBytes(message), fin: true, ct);
        var stream = data.AsStream();
        var received = await new StreamReader(stream).ReadToEndAsync(ct);
        var failure = await new StreamReader(error.AsStream()).ReadToEndAsync(ct);
        Assert.True(failure.Length == 0, $"the kubelet reported a port-forward error: {failure}");
        return received;
    }

    /// <summary>A TCP echo server on 127.0.0.1:0 standing in for the pod's port.</summary>
    private sealed class EchoServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static EchoServer Start()
        {
            var server = new EchoServer();
            server._listener.Start();
            _ = server.AcceptAsync();
            return server;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _ = EchoAsync(client);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private static async Task EchoAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                await stream.CopyToAsync(stream);
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
    }
}
