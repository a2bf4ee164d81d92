using OrleansEci.Spdy.Framing;
using OrleansEci.Spdy.Sessions;
using OrleansEci.Spdy.Tests.Support;

namespace OrleansEci.Spdy.Tests.Sessions;

public sealed class SpdySessionFlowControlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_EnforcedWindowMuchSmallerThanData_ReceiverNeverHoldsMoreThanItsWindow()
    {
        const int Window = 16 * 1024;
        await using var pair = await SessionPair.StartAsync(
            clientOptions: new SpdySessionOptions { InitialStreamWindowSize = Window, SessionWindowSize = 65536 },
            serverOptions: new SpdySessionOptions { EnforceSendWindow = true, MaxDataFrameSize = 4096 });
        var stream = await pair.Client.OpenStreamAsync(new SpdyHeaders(), cancellationToken: Ct);
        var accepted = (await pair.Server.AcceptStreamAsync(Ct))!;
        var payload = StreamExtensions.RandomBytes(1024 * 1024, seed: 7);

        var write = accepted.WriteAsync(payload, fin: true, Ct).AsTask();
        using var received = new MemoryStream();
        var chunk = new byte[1000];
        var maxBuffered = 0;
        int count;
        do
        {
            // Sampled between reads: the buffer's size at any instant is what must stay bounded.
            maxBuffered = Math.Max(maxBuffered, stream.BufferedByteCount);
            count = await stream.ReadAsync(chunk, Ct);
            received.Write(chunk, 0, count);
        }
        while (count > 0);

        await write;
        Assert.True(maxBuffered <= Window, $"An enforcing sender should never put more than the {Window}-byte window in flight; the receiver held {maxBuffered}.");
        Assert.True(payload.SequenceEqual(received.ToArray()), "All 1 MiB should arrive intact across many window updates.");
    }

    [Fact]
    public async Task WriteAsync_PeerIgnoresWindowAndReaderIsSlow_ReceiverBufferStaysBounded()
    {
        // Go's spdystream never honours windows; the receive buffer must still stay bounded (TCP pushes back).
        await using var pair = await SessionPair.StartAsync(
            clientOptions: new SpdySessionOptions { InitialStreamWindowSize = 65536 },
            serverOptions: new SpdySessionOptions { EnforceSendWindow = false, MaxDataFrameSize = 16384 });
        var stream = await pair.Client.OpenStreamAsync(new SpdyHeaders(), cancellationToken: Ct);
        var accepted = (await pair.Server.AcceptStreamAsync(Ct))!;
        var payload = StreamExtensions.RandomBytes(4 * 1024 * 1024, seed: 8);

        var write = accepted.WriteAsync(payload, fin: true, Ct).AsTask();
        using var received = new MemoryStream();
        var chunk = new byte[3000];
        var maxBuffered = 0;
        int count;
        do
        {
            // Sampled between reads: the buffer's size at any instant is what must stay bounded.
            maxBuffered = Math.Max(maxBuffered, stream.BufferedByteCount);
            count = await stream.ReadAsync(chunk, Ct);
            received.Write(chunk, 0, count);
        }
        while (count > 0);

        await write;
        Assert.True(maxBuffered <= 65536 + 16384, $"The receive buffer should stop at its limit plus one frame (81920 bytes); it held {maxBuffered}.");
        Assert.True(payload.SequenceEqual(received.ToArray()), "All 4 MiB should arrive intact.");
    }

    [Fact]
    public async Task ReadAsync_HalfTheWindowConsumed_SendsWindowUpdateForStreamAndSession()
    {
        var (client, server) = await Loopback.ConnectAsync(Ct);
        await using var session = SpdySession.StartServer(server, new SpdySessionOptions { InitialStreamWindowSize = 65536, SessionWindowSize = 65536 });
        await using var peer = new RawPeer(client);
        await peer.SendAsync(new SynStreamFrame(1, 0, 0, false, false, new SpdyHeaders()));
        await peer.SendAsync(new DataFrame(1, false, new byte[40_000]));
        var stream = (await session.AcceptStreamAsync(Ct))!;
        var buffer = new byte[40_000];
        var read = 0;
        while (read < buffer.Length)
        {
            read += await stream.ReadAsync(buffer.AsMemory(read), Ct);
        }

        var updates = new List<WindowUpdateFrame>();
        while (updates.Count < 2)
        {
            switch (await peer.ReadAsync())
            {
                case WindowUpdateFrame update:
                    updates.Add(update);
                    break;
                case SettingsFrame or SynReplyFrame:
                    break;
                case var other:
                    Assert.Fail($"Expected WINDOW_UPDATEs after 40000 of 65536 bytes were read, got {other}.");
                    break;
            }
        }

        Assert.Contains(new WindowUpdateFrame(0, 40_000), updates);
        Assert.Contains(new WindowUpdateFrame(1, 40_000), updates);
    }

    [Fact]
    public async Task Settings_InitialWindowSizeFromPeer_LimitsEnforcedSender()
    {
        var (client, server) = await Loopback.ConnectAsync(Ct);
        await using var session = SpdySession.StartClient(client, new SpdySessionOptions { EnforceSendWindow = true, MaxDataFrameSize = 1000 });
        await using var peer = new RawPeer(server);
        await peer.SendAsync(new SettingsFrame(false, [new SpdySetting(SpdySettingId.InitialWindowSize, 2500)]));
        await peer.SendAsync(new PingFrame(2));
        await peer.ExpectAsync<PingFrame>(); // the session has now applied the SETTINGS

        var stream = await session.OpenStreamAsync(new SpdyHeaders(), cancellationToken: Ct);
        var write = stream.WriteAsync(new byte[6000], Ct).AsTask();
        await peer.ExpectAsync<SynStreamFrame>();
        var firstWindow = new[] { await peer.ExpectAsync<DataFrame>(), await peer.ExpectAsync<DataFrame>(), await peer.ExpectAsync<DataFrame>() };
        await peer.SendAsync(new WindowUpdateFrame(1, 3500));
        var rest = new[] { await peer.ExpectAsync<DataFrame>(), await peer.ExpectAsync<DataFrame>(), await peer.ExpectAsync<DataFrame>(), await peer.ExpectAsync<DataFrame>() };
        await write;

        Assert.Equal([1000, 1000, 500], firstWindow.Select(f => f.Data.Length));
        Assert.Equal([1000, 1000, 1000, 500], rest.Select(f => f.Data.Length));
    }

    [Fact(Timeout = 60_000)]
    public async Task ResetAsync_StreamWhoseFullBufferPausedTheReadLoop_LetsOtherStreamsFlowAgain()
    {
        // A peer that ignores windows fills stream 1 until the read loop pauses; resetting it must resume the loop.
        var ct = TestContext.Current.CancellationToken;
        await using var pair = await SessionPair.StartAsync(
            clientOptions: new SpdySessionOptions { InitialStreamWindowSize = 65536 },
            serverOptions: new SpdySessionOptions { EnforceSendWindow = false });
        var flooded = await pair.Client.OpenStreamAsync(new SpdyHeaders(), cancellationToken: ct);
        var other = await pair.Client.OpenStreamAsync(new SpdyHeaders(), cancellationToken: ct);
        var floodedServer = (await pair.Server.AcceptStreamAsync(ct))!;
        var otherServer = (await pair.Server.AcceptStreamAsync(ct))!;
        var flood = floodedServer.WriteAsync(new byte[1024 * 1024], ct).AsTask();

        while (flooded.BufferedByteCount <= 65536)
        {
            // Until the buffer passed its limit, which is when the read loop pauses (a condition, not a delay).
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
        }

        await flooded.ResetAsync();
        await otherServer.WriteAsync("still flowing"u8.ToArray(), fin: true, ct);

        Assert.Equal("still flowing", System.Text.Encoding.ASCII.GetString(await other.ReadToEndAsync(ct)));
        Assert.Equal(SpdyStreamStatus.Cancel, flooded.ResetStatus);
        try
        {
            await flood;
        }
        catch (SpdyStreamResetException)
        {
            // The RST may reach the writer before its last frame; either way is fine here.
        }
    }
}
