using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

using OrleansEci.Spdy.Framing;
using OrleansEci.Spdy.Sessions;
using OrleansEci.Spdy.Tests.Support;

namespace OrleansEci.Spdy.Tests.Interop;

/// <summary>
/// Our <see cref="SpdySession"/> against Node's spdy-transport (peer.js) in both roles, one scenario per role covering
/// every frame exec needs: SYN_STREAM and SYN_REPLY with compressed headers (zlib with the SPDY/3 dictionary), DATA
/// both ways, FIN, RST_STREAM both ways, PING both ways and GOAWAY both ways.
/// </summary>
public sealed class SpdyTransportControlFrameTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SpdySessionOptions Options => new() { EnforceSendWindow = true };

    [Fact(Timeout = 60_000)]
    public async Task CSharpClient_NodeServer_HeadersDataFinResetPingAndGoAwayInterop()
    {
        var ct = TestContext.Current.CancellationToken;
        using var node = SpdyTransportPeer.Start("server");
        var port = int.Parse((await node.WaitForLineAsync("LISTENING ", ct))["LISTENING ".Length..], CultureInfo.InvariantCulture);
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(IPAddress.Loopback, port, Ct);
        var log = new SessionLog();
        await using var session = SpdySession.StartClient(new NetworkStream(tcp.Client, ownsSocket: true), Options, log);

        await session.PingAsync(Ct); // our PING, node's answer
        var echo = await session.OpenStreamAsync(Request("/echo", ("x-hello", "from csharp")), cancellationToken: Ct);
        var reply = await echo.WaitForReplyAsync(Ct);
        var echoed = echo.ReadToEndAsync(Ct);
        await echo.WriteAsync("hello from csharp"u8.ToArray(), fin: true, Ct);
        var echoText = Encoding.UTF8.GetString(await echoed);

        var reset = await session.OpenStreamAsync(Request("/reset"), cancellationToken: Ct);
        var resetData = await reset.ReadToEndAsync(Ct);

        var wait = await session.OpenStreamAsync(Request("/wait"), cancellationToken: Ct);
        await wait.WaitForReplyAsync(Ct);
        await wait.ResetAsync(SpdyStreamStatus.InternalError);
        await node.WaitForLineAsync($"RST-RECEIVED {wait.Id} INTERNAL_ERROR", Ct);

        var ping = await session.OpenStreamAsync(Request("/ping"), fin: true, Ct);
        await ping.ReadToEndAsync(Ct); // node ends it once its PING to us was answered
        await node.WaitForLineAsync("PING-ACKED", Ct);

        var goAway = await session.OpenStreamAsync(Request("/goaway"), fin: true, Ct);
        await goAway.ReadToEndAsync(Ct);
        await node.WaitForLineAsync("DONE", Ct); // node sent GOAWAY and closed

        Assert.True(reply[":status"]?.StartsWith("200", StringComparison.Ordinal) == true && reply["x-echo"] == "from csharp",
            $"Expected node's SYN_REPLY 200 echoing x-hello, got {string.Join(", ", reply.Select(h => $"{h.Key}={h.Value}"))}\n{node.Transcript}");
        Assert.True(echoText == "echo:hello from csharp", $"Expected node to echo the data after our FIN, got \"{echoText}\"\n{node.Transcript}");
        Assert.True(resetData.Length == 0 && reset.ResetStatus == SpdyStreamStatus.RefusedStream,
            $"Expected node's RST_STREAM REFUSED_STREAM on /reset, got status {reset.ResetStatus} after {resetData.Length} bytes\n{node.Transcript}");
        Assert.Contains($"ECHO hello from csharp", node.Transcript, StringComparison.Ordinal);
        Assert.True(await EventuallyAsync(() => log.Messages.Any(m => m.Contains($"GOAWAY (last good stream {goAway.Id}, status Ok)", StringComparison.Ordinal))),
            $"Expected our session to log node's GOAWAY naming stream {goAway.Id}, logged: {string.Join(" | ", log.Messages)}\n{node.Transcript}");
    }

    [Fact(Timeout = 60_000)]
    public async Task NodeClient_CSharpServer_HeadersDataFinResetPingAndGoAwayInterop()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var node = SpdyTransportPeer.Start("client", ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture));
        using var socket = await listener.AcceptSocketAsync(ct);
        await using var session = SpdySession.StartServer(new NetworkStream(socket, ownsSocket: false), Options);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var lastStreamId = 0;

        while (!seen.ContainsKey("/ping") && await session.AcceptStreamAsync(Ct) is { } stream)
        {
            lastStreamId = stream.Id;
            var path = stream.Headers[":path"] ?? "";
            await stream.ReplyAsync(new SpdyHeaders { { ":status", "200" }, { ":version", "HTTP/1.1" }, { "x-echo", stream.Headers["x-hello"] ?? "" } }, cancellationToken: Ct);
            switch (path)
            {
                case "/echo":
                    var text = Encoding.UTF8.GetString(await stream.ReadToEndAsync(Ct));
                    await stream.WriteAsync(Encoding.UTF8.GetBytes("echo:" + text), fin: true, Ct);
                    seen[path] = text;
                    break;
                case "/reset":
                    await stream.ResetAsync(SpdyStreamStatus.RefusedStream);
                    seen[path] = "reset";
                    break;
                case "/wait":
                    await stream.ReadToEndAsync(Ct); // node resets it
                    seen[path] = stream.ResetStatus?.ToString() ?? "no reset";
                    break;
                case "/ping":
                    await session.PingAsync(Ct); // our PING, node's answer
                    await stream.ReadToEndAsync(Ct);
                    await stream.CompleteWritesAsync(Ct);
                    seen[path] = "pinged";
                    break;
                default:
                    Assert.Fail($"node opened an unexpected stream {path}\n{node.Transcript}");
                    break;
            }
        }

        await node.WaitForLineAsync("DONE", Ct);
        await session.GoAwayAsync(SpdyGoAwayStatus.Ok, Ct);
        await node.WaitForLineAsync("GOAWAY-RECEIVED", Ct);
        var exitCode = await node.WaitForExitAsync(Ct);

        Assert.True(exitCode == 0, $"Expected node to close cleanly after our GOAWAY, exited {exitCode}\n{node.Transcript}");
        Assert.True(seen.GetValueOrDefault("/echo") == "hello from node" && seen.GetValueOrDefault("/wait") == nameof(SpdyStreamStatus.Cancel),
            $"Expected node's data with FIN on /echo and its RST_STREAM CANCEL on /wait, got {string.Join(", ", seen)}\n{node.Transcript}");
        foreach (var line in new[] { "PING-ACKED", "PINGED", "REPLY 200 from node", "ECHO echo:hello from node", "RST-RECEIVED 3 REFUSED_STREAM", $"GOAWAY-RECEIVED {lastStreamId}" })
        {
            Assert.True(node.Transcript.Contains(line, StringComparison.Ordinal), $"Expected node to report \"{line}\"\n{node.Transcript}");
        }
    }

    private static SpdyHeaders Request(string path, params (string Name, string Value)[] extra)
    {
        var headers = new SpdyHeaders
        {
            { ":method", "POST" },
            { ":path", path },
            { ":version", "HTTP/1.1" },
            { ":host", "127.0.0.1" },
            { ":scheme", "https" },
        };
        foreach (var (name, value) in extra)
        {
            headers.Add(name, value);
        }

        return headers;
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50, Ct); // the session's reader logs GOAWAY on its own loop
        }

        return condition();
    }
}
