using System.Globalization;
using System.Net;
using System.Net.Sockets;

using OrleansEci.Spdy.Framing;
using OrleansEci.Spdy.Sessions;
using OrleansEci.Spdy.Tests.Support;

namespace OrleansEci.Spdy.Tests.Interop;

/// <summary>
/// Interop with moby/spdystream, the Go library on the other end of every real Kubernetes SPDY connection. Several
/// streams per connection mean several header blocks through one zlib context each way: Go's compress/flate fails
/// the second one unless each ends on a sync-flush boundary. spdystream has no flow control, so more than a 64 KiB
/// window per stream also checks that this side never waits for WINDOW_UPDATEs from it.
/// </summary>
public sealed class SpdystreamInteropTests
{
    private const int Streams = 5;
    private const int BytesPerStream = 300_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task CSharpClient_GoSpdystreamServer_EchoesSeveralLargeStreams()
    {
        var ct = TestContext.Current.CancellationToken;
        var peer = await GoInterop.RequirePeerAsync();
        using var go = GoInterop.Start(peer, "server");
        var port = int.Parse((await go.WaitForLineAsync("LISTENING ", ct))["LISTENING ".Length..], CultureInfo.InvariantCulture);
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(IPAddress.Loopback, port, ct);
        await using var session = SpdySession.StartClient(new NetworkStream(tcp.Client, ownsSocket: true));

        await session.PingAsync(ct);
        for (var i = 0; i < Streams; i++)
        {
            var payload = StreamExtensions.RandomBytes(BytesPerStream, seed: i);
            var stream = await session.OpenStreamAsync(
                new SpdyHeaders { { "streamType", "stdin" }, { "x-index", i.ToString(CultureInfo.InvariantCulture) } }, cancellationToken: ct);
            var reply = await stream.WaitForReplyAsync(ct);
            var echo = stream.ReadToEndAsync(ct);
            await stream.WriteAsync(payload, fin: true, ct);

            var echoed = await echo;
            Assert.True(payload.AsSpan().SequenceEqual(echoed), $"Stream {i}: spdystream should echo {BytesPerStream} bytes.\n{go.Transcript}");
            Assert.Equal(("stdin", i.ToString(CultureInfo.InvariantCulture)), (reply["x-seen-streamtype"], reply["x-seen-index"]));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task GoSpdystreamClient_CSharpServer_EchoesSeveralLargeStreams()
    {
        var ct = TestContext.Current.CancellationToken;
        var peer = await GoInterop.RequirePeerAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var go = GoInterop.Start(peer, "client", port.ToString(CultureInfo.InvariantCulture),
            Streams.ToString(CultureInfo.InvariantCulture), BytesPerStream.ToString(CultureInfo.InvariantCulture));
        using var socket = await listener.AcceptSocketAsync(ct);
        await using var session = SpdySession.StartServer(new NetworkStream(socket, ownsSocket: false));
        var echoes = new List<Task>();
        var seen = new List<string?>();

        while (echoes.Count < Streams && await session.AcceptStreamAsync(ct) is { } stream)
        {
            seen.Add(stream.Headers["streamtype"]);
            await stream.ReplyAsync(cancellationToken: ct);
            echoes.Add(EchoAsync(stream));
        }

        await Task.WhenAll(echoes);
        var exitCode = await go.WaitForExitAsync(ct);
        Assert.True(exitCode == 0, $"The spdystream client should verify every echo and exit 0, exited {exitCode}.\n{go.Transcript}");
        Assert.Contains($"DONE {Streams} ok", go.Transcript, StringComparison.Ordinal);
        Assert.All(seen, type => Assert.Equal("stdin", type));
    }

    [Fact(Timeout = 60_000)]
    public async Task GoClientGoV4Exec_KubeletEndpoint_GetsOutputAndExitCodeStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        var peer = await GoInterop.RequirePeerAsync();
        await using var server = await ExecTestServer.StartAsync();
        var url = new Uri(server.BaseAddress, "/exec/default/web/c1?command=sh&command=-c&command=exit%205&input=1&output=1&error=1");

        using var go = GoInterop.Start(peer, "exec", url.AbsoluteUri, "hello go");
        var exitCode = await go.WaitForExitAsync(ct);

        Assert.True(exitCode == 0, $"The Go exec client should finish, exited {exitCode}.\n{go.Transcript}\n{server.LogText}");
        Assert.Contains("PROTOCOL v4.channel.k8s.io", go.Transcript, StringComparison.Ordinal);
        Assert.Contains("STDOUT \"HELLO GO\"", go.Transcript, StringComparison.Ordinal);
        Assert.Contains("STDERR \"read 8 bytes\\n\"", go.Transcript, StringComparison.Ordinal);
        Assert.Contains("""STATUS {"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [sh -c exit 5], exit code 5","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"5"}]}}""", go.Transcript, StringComparison.Ordinal);
    }

    private static async Task EchoAsync(SpdyStream stream)
    {
        var body = await stream.ReadToEndAsync(Ct);
        await stream.WriteAsync(body, fin: true, Ct);
    }
}
