using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

using Microsoft.Extensions.Logging.Abstractions;

using OrleansEci.Eci.Exec;
using OrleansEci.KubeletApi.Exec;
using OrleansEci.Spdy.RemoteCommand;

namespace OrleansEci.KubeletApi.Tests.Exec;

/// <summary>
/// <see cref="EciExecBridge"/> between a recorded caller and a scripted ECI WebSocket peer, for what the local ECI service
/// does not show: the exact frames ECI receives (resize, stdin, close-stdin) and a session that breaks without a status.
/// </summary>
public sealed class EciExecBridgeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_TtyWithResizeAndStdin_SendsEciTheFramesInOrderAndReturnsTheExitCode()
    {
        var (client, eciPeer) = await SocketPairAsync();
        await using var session = EciExecSession.FromConnected(client);
        var caller = new RecordedStreams(new RemoteCommandRequest(true, true, false, true) { Command = ["sh"], Container = "app" }, "ls\n");
        await caller.ResizeWriter.WriteAsync(new TerminalSize(100, 30), Ct);

        var bridge = EciExecBridge.RunAsync(caller, session, NullLogger.Instance, Ct);
        var received = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            received.Add(await ReceiveFrameAsync(eciPeer));
        }

        await eciPeer.SendAsync(Frame(1, "out"), WebSocketMessageType.Binary, true, Ct);
        await eciPeer.SendAsync(Frame(2, "err"), WebSocketMessageType.Binary, true, Ct);
        await eciPeer.SendAsync(Frame(3, """{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"2"}]}}"""), WebSocketMessageType.Binary, true, Ct);
        var status = await bridge;

        Assert.True(received.Order(StringComparer.Ordinal).SequenceEqual(["0:ls\n", "255:\0", "4:{\"Width\":100,\"Height\":30}"], StringComparer.Ordinal),
            $"Expected ECI to receive the resize, the stdin and the close-stdin signal, got [{string.Join(", ", received)}]");
        Assert.True(received.IndexOf("0:ls\n") < received.IndexOf("255:\0"), $"Expected stdin before its close signal, got [{string.Join(", ", received)}]");
        Assert.True(caller.StdoutText == "outerr" && status.ExitCode == 2 && caller.Completed?.ExitCode == 2,
            $"Expected stdout and the merged stderr on the TTY, then exit code 2 to the caller, got \"{caller.StdoutText}\", {status}, completed {caller.Completed}");
        eciPeer.Dispose();
    }

    [Fact]
    public async Task RunAsync_EciClosesWithoutStatus_CallerGetsAFailureNotSuccess()
    {
        var (client, eciPeer) = await SocketPairAsync();
        await using var session = EciExecSession.FromConnected(client);
        var caller = new RecordedStreams(new RemoteCommandRequest(false, true, true, false) { Command = ["ls"], Container = "app" }, null);

        var bridge = EciExecBridge.RunAsync(caller, session, NullLogger.Instance, Ct);
        await eciPeer.SendAsync(Frame(1, "partial"), WebSocketMessageType.Binary, true, Ct);
        await eciPeer.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, "boom", Ct);
        var status = await bridge;

        Assert.True(caller.StdoutText == "partial" && !status.IsSuccess && status.ExitCode is null && status.Message!.Contains("without an exit status", StringComparison.Ordinal)
            && caller.Completed == status, $"Expected the partial output, then a failure naming the missing status, got \"{caller.StdoutText}\", {status}");
        eciPeer.Dispose();
    }

    [Fact]
    public async Task RunAsync_CallerGoesAway_StopsAndEcisSocketIsClosed()
    {
        var (client, eciPeer) = await SocketPairAsync();
        var session = EciExecSession.FromConnected(client);
        var caller = new RecordedStreams(new RemoteCommandRequest(false, true, true, false) { Command = ["sleep", "3600"], Container = "app" }, null);
        using var callerGone = new CancellationTokenSource();

        var bridge = EciExecBridge.RunAsync(caller, session, NullLogger.Instance, callerGone.Token);
        await callerGone.CancelAsync(); // what the endpoint's RequestAborted does when the caller's connection ends
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bridge);
        await session.DisposeAsync(); // the endpoint's await using
        var ended = await ConnectionEndAsync(eciPeer);

        // A cancelled receive aborts a .NET WebSocket, so ECI sees the connection drop rather than a close frame: either way its command's session ends.
        Assert.True(ended is "close frame" or "connection dropped" && caller.Completed is null,
            $"Expected ECI's side to see the connection end and no status sent to a caller who left, got {ended}, completed {caller.Completed}");
        eciPeer.Dispose();
    }

    [Fact]
    public void ToStatus_ExitCodesAndFailures_MapAsTheKubeletReportsThem()
    {
        Assert.True(EciExecBridge.ToStatus(EciExecExit.Success, ["true"]).IsSuccess, "Expected exit 0 to be success");
        var three = EciExecBridge.ToStatus(new EciExecExit(3, null), ["sh", "-c", "exit 3"]);
        Assert.True(three is { ExitCode: 3, Reason: "NonZeroExitCode" } && three.Message!.Contains("[sh -c exit 3]", StringComparison.Ordinal), $"Expected exit 3 naming the command, got {three}");
        var failed = EciExecBridge.ToStatus(EciExecExit.Failed("container app is not running"), ["ls"]);
        Assert.True(failed is { ExitCode: null, Reason: "InternalError", Message: "container app is not running" }, $"Expected ECI's failure message as an InternalError, got {failed}");
    }

    private static async Task<string> ConnectionEndAsync(WebSocket peer)
    {
        try
        {
            var result = await peer.ReceiveAsync(new byte[16], Ct);
            return result.MessageType == WebSocketMessageType.Close ? "close frame" : $"a {result.MessageType} message";
        }
        catch (WebSocketException)
        {
            return "connection dropped";
        }
    }

    private static byte[] Frame(byte channel, string text) => [channel, .. Encoding.UTF8.GetBytes(text)];

    private static async Task<string> ReceiveFrameAsync(WebSocket peer)
    {
        var buffer = new byte[4096];
        var result = await peer.ReceiveAsync(buffer, Ct);
        return $"{buffer[0]}:{Encoding.UTF8.GetString(buffer, 1, result.Count - 1)}";
    }

    private static async Task<(WebSocket Client, WebSocket Server)> SocketPairAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connecting = new TcpClient();
        var connect = connecting.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, Ct).AsTask();
        var accepted = await listener.AcceptTcpClientAsync(Ct);
        await connect;
        return (WebSocket.CreateFromStream(connecting.GetStream(), new WebSocketCreationOptions { IsServer = false }),
            WebSocket.CreateFromStream(accepted.GetStream(), new WebSocketCreationOptions { IsServer = true }));
    }

    /// <summary>A caller whose stdin is fixed text (then EOF), whose outputs are recorded, and whose resizes the test writes.</summary>
    private sealed class RecordedStreams(RemoteCommandRequest request, string? stdin) : IRemoteCommandStreams
    {
        private readonly Channel<TerminalSize> _resizes = Channel.CreateUnbounded<TerminalSize>();
        private readonly MemoryStream _stdout = new();
        private readonly MemoryStream? _stderr = request.HasStderrStream ? new MemoryStream() : null;

        public RemoteCommandRequest Request => request;

        public string Protocol => RemoteCommandProtocols.V5;

        public Stream? Stdin { get; } = stdin is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(stdin));

        public Stream? Stdout => _stdout;

        public Stream? Stderr => _stderr;

        public ChannelReader<TerminalSize> Resizes => _resizes.Reader;

        public ChannelWriter<TerminalSize> ResizeWriter => _resizes.Writer;

        public RemoteCommandStatus? Completed { get; private set; }

        public string StdoutText => Encoding.UTF8.GetString(_stdout.ToArray());

        public Task CompleteAsync(RemoteCommandStatus status, CancellationToken cancellationToken = default)
        {
            Completed = status;
            _resizes.Writer.TryComplete();
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
