using System.Text;

using OrleansEci.Spdy.Framing;
using OrleansEci.Spdy.Sessions;
using OrleansEci.Spdy.Tests.Support;

namespace OrleansEci.Spdy.Tests.Sessions;

public sealed class SpdySessionStreamTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenStreamAsync_ServerRepliesAndEchoes_DataFlowsBothWays()
    {
        await using var pair = await SessionPair.StartAsync();
        var stream = await pair.Client.OpenStreamAsync(new SpdyHeaders { { "streamType", "stdin" } }, cancellationToken: Ct);
        var accepted = (await pair.Server.AcceptStreamAsync(Ct))!;
        await accepted.ReplyAsync(new SpdyHeaders { { "x-answer", "42" } }, cancellationToken: Ct);

        var reply = await stream.WaitForReplyAsync(Ct);
        await stream.WriteAsync("ping"u8.ToArray(), fin: true, Ct);
        var received = await accepted.ReadToEndAsync(Ct);
        await accepted.WriteAsync(received.Concat("pong"u8.ToArray()).ToArray(), fin: true, Ct);

        Assert.Equal("stdin", accepted.Headers["streamtype"]);
        Assert.Equal("42", reply["x-answer"]);
        Assert.Equal((1, true), (stream.Id, stream.IsLocallyInitiated));
        Assert.Equal("pingpong", Encoding.ASCII.GetString(await stream.ReadToEndAsync(Ct)));
    }

    [Fact]
    public async Task OpenStreamAsync_SeveralStreamsInterleaved_EachKeepsItsOwnBytes()
    {
        await using var pair = await SessionPair.StartAsync();
        var opened = new List<SpdyStream>();
        for (var i = 0; i < 5; i++)
        {
            opened.Add(await pair.Client.OpenStreamAsync(new SpdyHeaders { { "index", i.ToString(System.Globalization.CultureInfo.InvariantCulture) } }, cancellationToken: Ct));
        }

        var serve = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                var stream = (await pair.Server.AcceptStreamAsync(Ct))!;
                _ = Task.Run(async () =>
                {
                    var body = await stream.ReadToEndAsync(Ct);
                    await stream.WriteAsync(body.Reverse().ToArray(), fin: true, Ct);
                }, Ct);
            }
        }, Ct);
        var payloads = opened.Select((_, i) => StreamExtensions.RandomBytes(100_000 + i, seed: i)).ToArray();

        await Task.WhenAll(opened.Select((s, i) => s.WriteAsync(payloads[i], fin: true, Ct).AsTask()));
        var echoes = await Task.WhenAll(opened.Select(s => s.ReadToEndAsync(Ct)));
        await serve;

        for (var i = 0; i < 5; i++)
        {
            Assert.True(payloads[i].Reverse().SequenceEqual(echoes[i]), $"Stream {opened[i].Id} should echo its own {payloads[i].Length} bytes reversed.");
        }

        Assert.Equal([1, 3, 5, 7, 9], opened.Select(s => s.Id));
    }

    [Fact]
    public async Task CompleteWritesAsync_ClientHalfCloses_ServerSeesEndAndCanStillWrite()
    {
        await using var pair = await SessionPair.StartAsync();
        var stream = await pair.Client.OpenStreamAsync(new SpdyHeaders(), cancellationToken: Ct);
        var accepted = (await pair.Server.AcceptStreamAsync(Ct))!;

        await stream.CompleteWritesAsync(Ct);
        Assert.Empty(await accepted.ReadToEndAsync(Ct));
        await accepted.WriteAsync("after half-close"u8.ToArray(), fin: true, Ct);

        Assert.Equal("after half-close", Encoding.ASCII.GetString(await stream.ReadToEndAsync(Ct)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => stream.WriteAsync("late"u8.ToArray(), Ct).AsTask());
    }

    [Fact]
    public async Task ResetAsync_ByServer_ClientReadsEndAndWritesFail()
    {
        await using var pair = await SessionPair.StartAsync();
        var stream = await pair.Client.OpenStreamAsync(new SpdyHeaders(), cancellationToken: Ct);
        var accepted = (await pair.Server.AcceptStreamAsync(Ct))!;

        await accepted.ResetAsync(SpdyStreamStatus.InternalError);

        Assert.Equal(0, await stream.ReadAsync(new byte[16], Ct));
        Assert.Equal(SpdyStreamStatus.InternalError, stream.ResetStatus);
        var error = await Assert.ThrowsAsync<SpdyStreamResetException>(() => stream.WriteAsync("x"u8.ToArray(), Ct).AsTask());
        Assert.Equal(SpdyStreamStatus.InternalError, error.Status);
        await Assert.ThrowsAsync<SpdyStreamResetException>(() => stream.WaitForReplyAsync(Ct));
    }

    [Fact]
    public async Task ReadAsync_Cancelled_ThrowsAndStreamStaysUsable()
    {
        await using var pair = await SessionPair.StartAsync();
        var stream = await pair.Client.OpenStreamAsync(new SpdyHeaders(), cancellationToken: Ct);
        var accepted = (await pair.Server.AcceptStreamAsync(Ct))!;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(new byte[4], cancelled.Token).AsTask());
        await accepted.WriteAsync("ok"u8.ToArray(), fin: true, Ct);

        Assert.Equal("ok", Encoding.ASCII.GetString(await stream.ReadToEndAsync(Ct)));
    }

    [Fact]
    public async Task CloseAsync_ByServer_ResetsOpenStreamsAndEndsClientSession()
    {
        await using var pair = await SessionPair.StartAsync();
        var stream = await pair.Client.OpenStreamAsync(new SpdyHeaders(), cancellationToken: Ct);
        var accepted = (await pair.Server.AcceptStreamAsync(Ct))!;
        await accepted.WriteAsync("last words"u8.ToArray(), fin: true, Ct);

        await pair.Server.CloseAsync(Ct);

        Assert.Equal("last words", Encoding.ASCII.GetString(await stream.ReadToEndAsync(Ct)));
        await pair.Client.Completion.WaitAsync(Ct);
        await pair.Server.Completion.WaitAsync(Ct);
        Assert.Throws<InvalidOperationException>(() => pair.Client.OpenStreamAsync(new SpdyHeaders(), cancellationToken: Ct).AsTask().GetAwaiter().GetResult());
    }

    [Fact]
    public async Task AcceptStreamAsync_AfterGoAway_ReturnsNull()
    {
        await using var pair = await SessionPair.StartAsync();

        await pair.Server.GoAwayAsync(cancellationToken: Ct);

        Assert.Null(await pair.Server.AcceptStreamAsync(Ct));
    }

    [Fact]
    public async Task OpenStreamAsync_HopByHopHeader_IsRefusedBeforeSending()
    {
        await using var pair = await SessionPair.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            pair.Client.OpenStreamAsync(new SpdyHeaders { { "Connection", "keep-alive" } }, cancellationToken: Ct).AsTask());
        Assert.Contains("connection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PingAsync_EitherSide_CompletesWithRoundTrip()
    {
        await using var pair = await SessionPair.StartAsync();

        var fromClient = await pair.Client.PingAsync(Ct);
        var fromServer = await pair.Server.PingAsync(Ct);

        Assert.True(fromClient >= TimeSpan.Zero && fromServer >= TimeSpan.Zero, $"Round trips should not be negative: {fromClient}, {fromServer}.");
    }
}
