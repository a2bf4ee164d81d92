using Microsoft.Extensions.Time.Testing;

using OrleansEci.Spdy.Framing;
using OrleansEci.Spdy.Sessions;
using OrleansEci.Spdy.Tests.Support;

namespace OrleansEci.Spdy.Tests.Sessions;

/// <summary>What a session puts on the wire, seen by a peer driven frame by frame.</summary>
public sealed class SpdySessionWireTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PeerPing_WithPeerParity_IsEchoedUnchanged()
    {
        var (client, server) = await Loopback.ConnectAsync(Ct);
        await using var session = SpdySession.StartServer(server);
        await using var peer = new RawPeer(client);

        await peer.SendAsync(new PingFrame(7));

        Assert.Equal(new PingFrame(7), await peer.ExpectAsync<PingFrame>());
    }

    [Fact(Timeout = 60_000)]
    public async Task StartClient_PingInterval_SendsKeepAlivePingWhenTimeAdvancesAndNoneIsUnanswered()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider();
        var (client, server) = await Loopback.ConnectAsync(ct);
        await using var session = SpdySession.StartClient(client, new SpdySessionOptions { PingInterval = TimeSpan.FromSeconds(5) }, timeProvider: time);
        await using var peer = new RawPeer(server);

        time.Advance(TimeSpan.FromSeconds(5));
        var first = await peer.ExpectAsync<PingFrame>();
        time.Advance(TimeSpan.FromSeconds(5)); // the first is unanswered: no second ping yet
        await peer.SendAsync(first);
        await peer.SendAsync(new PingFrame(2));
        Assert.Equal(new PingFrame(2), await peer.ExpectAsync<PingFrame>()); // frames are handled in order: the echo of 1 is in
        time.Advance(TimeSpan.FromSeconds(5));
        var second = await peer.ExpectAsync<PingFrame>();

        Assert.Equal((1u, 3u), (first.Id, second.Id));
    }

    [Fact]
    public async Task GoAway_StreamAboveLastGoodWithoutReply_IsRefusedWhileRepliedStreamContinues()
    {
        var (client, server) = await Loopback.ConnectAsync(Ct);
        await using var session = SpdySession.StartClient(client);
        await using var peer = new RawPeer(server);
        var first = await session.OpenStreamAsync(new SpdyHeaders(), cancellationToken: Ct);
        var second = await session.OpenStreamAsync(new SpdyHeaders(), cancellationToken: Ct);
        await peer.ExpectAsync<SynStreamFrame>();
        await peer.ExpectAsync<SynStreamFrame>();

        await peer.SendAsync(new SynReplyFrame(1, false, new SpdyHeaders()));
        await peer.SendAsync(new GoAwayFrame(0, SpdyGoAwayStatus.Ok));
        await peer.SendAsync(new DataFrame(1, true, "still here"u8.ToArray()));

        var refused = await Assert.ThrowsAsync<SpdyStreamResetException>(() => second.WaitForReplyAsync(Ct));
        Assert.Equal(SpdyStreamStatus.RefusedStream, refused.Status);
        Assert.Equal("still here", System.Text.Encoding.ASCII.GetString(await first.ReadToEndAsync(Ct)));
        Assert.Throws<InvalidOperationException>(() => session.OpenStreamAsync(new SpdyHeaders(), cancellationToken: Ct).AsTask().GetAwaiter().GetResult());
    }

    [Fact]
    public async Task ReadLoop_Spdy2ControlFrame_SendsGoAwayProtocolErrorAndFaultsCompletion()
    {
        var (client, server) = await Loopback.ConnectAsync(Ct);
        await using var session = SpdySession.StartServer(server);
        await client.WriteAsync(Convert.FromHexString("8002000600000004" + "00000001"), Ct);
        await using var peer = new RawPeer(client);

        var goAway = await peer.ExpectAsync<GoAwayFrame>();

        Assert.Equal(SpdyGoAwayStatus.ProtocolError, goAway.Status);
        await Assert.ThrowsAsync<SpdyProtocolException>(() => session.Completion.WaitAsync(Ct));
    }

    [Fact]
    public async Task SynStream_BeyondMaxConcurrentStreams_IsRefusedWithRst()
    {
        var (client, server) = await Loopback.ConnectAsync(Ct);
        await using var session = SpdySession.StartServer(server, new SpdySessionOptions { MaxConcurrentStreams = 1 });
        await using var peer = new RawPeer(client);

        await peer.SendAsync(new SynStreamFrame(1, 0, 0, false, false, new SpdyHeaders()));
        await peer.SendAsync(new SynStreamFrame(3, 0, 0, false, false, new SpdyHeaders()));

        Assert.Equal(new RstStreamFrame(3, SpdyStreamStatus.RefusedStream), await peer.ExpectAsync<RstStreamFrame>());
        Assert.Equal(1, (await session.AcceptStreamAsync(Ct))!.Id);
    }

    [Fact]
    public async Task SynStream_ReusedOrWrongParityId_IsProtocolError()
    {
        var (client, server) = await Loopback.ConnectAsync(Ct);
        await using var session = SpdySession.StartServer(server);
        await using var peer = new RawPeer(client);

        await peer.SendAsync(new SynStreamFrame(2, 0, 0, false, false, new SpdyHeaders()));

        Assert.Equal(SpdyGoAwayStatus.ProtocolError, (await peer.ExpectAsync<GoAwayFrame>()).Status);
    }

    [Fact]
    public async Task Data_ForNeverOpenedStream_IsAnsweredWithInvalidStream()
    {
        var (client, server) = await Loopback.ConnectAsync(Ct);
        await using var session = SpdySession.StartServer(server);
        await using var peer = new RawPeer(client);

        await peer.SendAsync(new DataFrame(9, false, new byte[3]));

        Assert.Equal(new RstStreamFrame(9, SpdyStreamStatus.InvalidStream), await peer.ExpectAsync<RstStreamFrame>());
    }

    [Fact]
    public async Task ServerSession_ClientSpeaksFirst_SettingsFollowAndReplyIsEmptyHeaderBlock()
    {
        var (client, server) = await Loopback.ConnectAsync(Ct);
        await using var session = SpdySession.StartServer(server);
        await using var peer = new RawPeer(client);

        await peer.SendAsync(new SynStreamFrame(1, 0, 0, false, false, new SpdyHeaders { { "streamtype", "error" } }));
        var stream = (await session.AcceptStreamAsync(Ct))!;
        await stream.ReplyAsync(cancellationToken: Ct);

        Assert.IsType<SettingsFrame>(await peer.ReadAsync());
        Assert.IsType<WindowUpdateFrame>(await peer.ReadAsync());
        var reply = Assert.IsType<SynReplyFrame>(await peer.ReadAsync());
        Assert.Equal((1, false, 0), (reply.StreamId, reply.Fin, reply.Headers.Count));
    }
}
