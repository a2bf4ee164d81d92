using System.Globalization;
using System.Net;
using System.Net.Sockets;

using OrleansEci.Spdy.Framing;
using OrleansEci.Spdy.Sessions;
using OrleansEci.Spdy.Tests.Support;

namespace OrleansEci.Spdy.Tests.Interop;

/// <summary>Interop with Node's spdy-transport 3.x, an independent SPDY/3.1 implementation, in both roles, with header
/// compression on and off, several concurrent streams, and more data per stream than any window holds.</summary>
public sealed class SpdyTransportInteropTests
{
    private const int Streams = 5;
    private const int BytesPerStream = 300_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<bool> Compression => [true, false];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Compression))]
    public async Task CSharpClient_NodeServer_EchoesSeveralLargeStreams(bool compression)
    {
        var ct = TestContext.Current.CancellationToken;
        await NodeInterop.EnsureInstalledAsync(ct);
        using var node = NodeInterop.Start("server.js", compression ? "on" : "off", "65536");
        var port = int.Parse((await node.WaitForLineAsync("LISTENING ", ct))["LISTENING ".Length..], CultureInfo.InvariantCulture);
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(IPAddress.Loopback, port, ct);
        await using var session = SpdySession.StartClient(new NetworkStream(tcp.Client, ownsSocket: true), InteropOptions(compression));

        await session.PingAsync(ct);
        var results = await Task.WhenAll(Enumerable.Range(0, Streams).Select(i => EchoAsync(session, i)));

        for (var i = 0; i < Streams; i++)
        {
            var (payload, echo, reply) = results[i];
            Assert.True(payload.SequenceEqual(echo), $"Stream {i}: node should echo {payload.Length} bytes, got {echo.Length} differing bytes.\n{node.Transcript}");
            Assert.Equal(("200", i.ToString(CultureInfo.InvariantCulture), "stdin", $"/echo/{i}"),
                (reply[":status"]?.Split(' ')[0], reply["x-seen-index"], reply["x-seen-stream-type"], reply["x-seen-path"]));
        }
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Compression))]
    public async Task CSharpClient_NodeServerSendsMegabytes_ArrivesThroughSmallReceiveWindow(bool compression)
    {
        var ct = TestContext.Current.CancellationToken;
        const int Size = 2 * 1024 * 1024;
        await NodeInterop.EnsureInstalledAsync(ct);
        using var node = NodeInterop.Start("server.js", compression ? "on" : "off", "65536");
        var port = int.Parse((await node.WaitForLineAsync("LISTENING ", ct))["LISTENING ".Length..], CultureInfo.InvariantCulture);
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(IPAddress.Loopback, port, ct);
        await using var session = SpdySession.StartClient(new NetworkStream(tcp.Client, ownsSocket: true), InteropOptions(compression));

        var headers = RequestHeaders(0);
        headers.Add("x-generate", Size.ToString(CultureInfo.InvariantCulture));
        var stream = await session.OpenStreamAsync(headers, fin: true, ct);
        var received = await stream.ReadToEndAsync(ct);

        Assert.Equal(Size, received.Length);
        Assert.True(NodeGenerated(Size).SequenceEqual(received), $"The 2 MiB node generated should arrive intact.\n{node.Transcript}");
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Compression))]
    public async Task NodeClient_CSharpServer_EchoesSeveralLargeStreams(bool compression)
    {
        var ct = TestContext.Current.CancellationToken;
        await NodeInterop.EnsureInstalledAsync(ct);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var node = NodeInterop.Start("client.js", port.ToString(CultureInfo.InvariantCulture), compression ? "on" : "off", "65536",
            Streams.ToString(CultureInfo.InvariantCulture), BytesPerStream.ToString(CultureInfo.InvariantCulture));
        using var socket = await listener.AcceptSocketAsync(ct);
        await using var session = SpdySession.StartServer(new NetworkStream(socket, ownsSocket: false), InteropOptions(compression));
        var echoes = new List<Task>();

        while (echoes.Count < Streams && await session.AcceptStreamAsync(ct) is { } stream)
        {
            echoes.Add(ServeEchoAsync(stream));
        }

        await Task.WhenAll(echoes);
        var exitCode = await node.WaitForExitAsync(ct);
        Assert.True(exitCode == 0, $"The node client should verify every echo and exit 0, exited {exitCode}.\n{node.Transcript}");
        Assert.Contains($"DONE {Streams} ok", node.Transcript, StringComparison.Ordinal);
    }

    private static SpdySessionOptions InteropOptions(bool compression) => new()
    {
        HeaderCompressionLevel = compression ? 6 : 0,
        EnforceSendWindow = true,
        InitialStreamWindowSize = 32 * 1024,
        SessionWindowSize = 128 * 1024,
        MaxDataFrameSize = 8192,
    };

    private static SpdyHeaders RequestHeaders(int index) => new()
    {
        { ":method", "POST" },
        { ":path", $"/echo/{index}" },
        { ":version", "HTTP/1.1" },
        { ":host", "127.0.0.1" },
        { ":scheme", "https" },
        { "streamType", "stdin" },
        { "x-index", index.ToString(CultureInfo.InvariantCulture) },
    };

    private static async Task<(byte[] Payload, byte[] Echo, SpdyHeaders Reply)> EchoAsync(SpdySession session, int index)
    {
        var payload = StreamExtensions.RandomBytes(BytesPerStream, seed: index);
        var stream = await session.OpenStreamAsync(RequestHeaders(index), cancellationToken: Ct);
        var reply = stream.WaitForReplyAsync(Ct);
        var read = stream.ReadToEndAsync(Ct);
        await stream.WriteAsync(payload, fin: true, Ct);
        return (payload, await read, await reply);
    }

    private static async Task ServeEchoAsync(SpdyStream stream)
    {
        await stream.ReplyAsync(new SpdyHeaders { { ":status", "200" }, { ":version", "HTTP/1.1" }, { "x-echo-index", stream.Headers["x-index"] ?? "" } }, cancellationToken: Ct);
        var buffer = new byte[16 * 1024];
        int count;
        while ((count = await stream.ReadAsync(buffer, Ct)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, count), Ct);
        }

        await stream.CompleteWritesAsync(Ct);
    }

    /// <summary>The bytes server.js generates for "x-generate": x = x * 1103515245 + 12345 (mod 2^32) from 12345, top byte of each state.</summary>
    private static byte[] NodeGenerated(int length)
    {
        var bytes = new byte[length];
        var x = 12345u;
        for (var i = 0; i < length; i++)
        {
            x = unchecked((x * 1103515245u) + 12345u);
            bytes[i] = (byte)(x >> 24);
        }

        return bytes;
    }
}
