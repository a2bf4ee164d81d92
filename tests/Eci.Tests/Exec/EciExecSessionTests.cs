using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Exec;
using OrleansEci.Eci.Tests.LocalEci;

namespace OrleansEci.Eci.Tests.Exec;

/// <summary><see cref="EciExecSession"/> against the local ECI service's exec WebSocket, and against a raw peer for what that service never does.</summary>
public sealed class EciExecSessionTests : IAsyncLifetime
{
    private LocalEciService _eci = null!;
    private EciClient _client = null!;
    private string _groupId = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _eci = await LocalEciService.StartAsync(null, Ct);
        _client = _eci.CreateClient();
        var created = await _client.CreateContainerGroupAsync(new CreateContainerGroupRequest
        {
            ContainerGroupName = "exec-web",
            Cpu = 1,
            Memory = 2,
            Containers = [new ContainerDefinition { Name = "app", Image = "busybox:1.36", EnvironmentVars = [new EnvironmentVariable { Key = "X", Value = "from-env" }] }],
        }, Ct);
        _groupId = created.ContainerGroupId!;
        _eci.Clock.Advance(TimeSpan.FromSeconds(6)); // Scheduling 2 s + Pending 3 s, then Running
    }

    public async ValueTask DisposeAsync() => await _eci.DisposeAsync();

    private async Task<EciExecSession> OpenAsync(IReadOnlyList<string> command, bool tty = false, bool stdin = true)
    {
        var answer = await _client.ExecContainerCommandAsync(new ExecContainerCommandRequest
        {
            ContainerGroupId = _groupId, ContainerName = "app", Command = command, Tty = tty, Stdin = stdin,
        }, Ct);
        return await EciExecSession.ConnectAsync(new Uri(answer.WebSocketUri!), cancellationToken: Ct);
    }

    private static async Task<(string Stdout, string Stderr)> DrainAsync(EciExecSession session)
    {
        StringBuilder stdout = new(), stderr = new();
        while (await session.ReceiveAsync(Ct) is { } output)
        {
            (output.Channel == EciExecChannel.Stdout ? stdout : stderr).Append(Encoding.UTF8.GetString(output.Data.Span));
        }

        return (stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task ReceiveAsync_ShellExitsThree_DeliversOutputThenExitCode()
    {
        await using var session = await OpenAsync(["sh", "-c", "echo $X; ls; echo status=$?; exit 3"], stdin: false);

        var (stdout, stderr) = await DrainAsync(session);

        Assert.True(stdout == "from-env\nstatus=127\n" && session.Exit?.ExitCode == 3,
            $"Expected X's value on stdout and exit code 3 from group {_groupId}, got stdout \"{stdout}\", stderr \"{stderr}\", exit {session.Exit}");
        Assert.True(stderr.Contains("ls: not found", StringComparison.Ordinal), $"Expected the unknown command on stderr, got \"{stderr}\"");
    }

    [Fact]
    public async Task SendStdinAsync_CatThenCloseStdin_EchoesInputAndExitsZero()
    {
        await using var session = await OpenAsync(["cat"]);

        await session.SendStdinAsync("hello\nworld\n"u8.ToArray(), Ct);
        await session.CloseStdinAsync(Ct);
        var (stdout, _) = await DrainAsync(session);

        Assert.True(stdout == "hello\nworld\n" && session.Exit == EciExecExit.Success,
            $"Expected cat to echo both lines and exit 0 in group {_groupId}, got \"{stdout}\", exit {session.Exit}");
    }

    [Fact]
    public async Task ResizeAsync_TtyShell_IsAcceptedAndShellStillRuns()
    {
        await using var session = await OpenAsync(["sh"], tty: true);

        await session.ResizeAsync(120, 40, Ct);
        await session.SendStdinAsync("echo $X\rexit 5\r"u8.ToArray(), Ct);
        var (stdout, stderr) = await DrainAsync(session);

        Assert.True(stdout.Contains("from-env\r\n", StringComparison.Ordinal) && stderr.Length == 0 && session.Exit?.ExitCode == 5,
            $"Expected a TTY shell (CRLF output, no separate stderr) to print X and exit 5 after a resize, got \"{stdout}\" / \"{stderr}\", exit {session.Exit}");
    }

    [Fact]
    public async Task SendStdinAsync_AfterCloseStdin_Throws()
    {
        await using var session = await OpenAsync(["cat"]);
        await session.CloseStdinAsync(Ct);
        await session.CloseStdinAsync(Ct); // idempotent

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await session.SendStdinAsync("late"u8.ToArray(), Ct));
    }

    [Fact]
    public async Task ConnectAsync_SessionUsedTwice_FailsTheSecondTime()
    {
        var answer = await _client.ExecContainerCommandAsync(new ExecContainerCommandRequest { ContainerGroupId = _groupId, ContainerName = "app", Command = ["true"] }, Ct);
        await using (var first = await EciExecSession.ConnectAsync(new Uri(answer.WebSocketUri!), cancellationToken: Ct))
        {
            await DrainAsync(first);
        }

        await Assert.ThrowsAsync<WebSocketException>(() => EciExecSession.ConnectAsync(new Uri(answer.WebSocketUri!), cancellationToken: Ct));
    }

    [Fact]
    public async Task ConnectAsync_HttpUri_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EciExecSession.ConnectAsync(new Uri("https://eci.example/exec/?s=x"), cancellationToken: Ct));
        Assert.Contains("ws:// or wss://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveAsync_PeerClosesWithoutStatus_ExitIsAFailureNotSuccess()
    {
        var (client, server) = await SocketPairAsync();
        await using var session = EciExecSession.FromConnected(client);
        await server.SendAsync(new byte[] { 1, (byte)'h', (byte)'i' }, WebSocketMessageType.Binary, true, Ct);
        await server.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, "gone", Ct);

        var (stdout, _) = await DrainAsync(session);

        Assert.True(stdout == "hi" && session.Exit is { ExitCode: null } exit && exit.Message!.Contains("without an exit status", StringComparison.Ordinal),
            $"Expected the output, then a failed exit naming the missing status, got \"{stdout}\", exit {session.Exit}");
        server.Dispose();
    }

    [Fact]
    public async Task ReceiveAsync_FragmentedAndEmptyFrames_AreJoinedAndSkipped()
    {
        var (client, server) = await SocketPairAsync();
        await using var session = EciExecSession.FromConnected(client);
        await server.SendAsync(new byte[] { 1 }, WebSocketMessageType.Binary, true, Ct); // an empty opening frame
        await server.SendAsync(new byte[] { 2, (byte)'a' }, WebSocketMessageType.Binary, false, Ct);
        await server.SendAsync(new byte[] { (byte)'b' }, WebSocketMessageType.Binary, true, Ct);
        await server.SendAsync(Encoding.UTF8.GetBytes("\u0003{\"metadata\":{},\"status\":\"Success\"}"), WebSocketMessageType.Binary, true, Ct);

        var (stdout, stderr) = await DrainAsync(session);

        Assert.True(stdout == "" && stderr == "ab" && session.Exit == EciExecExit.Success, $"Expected stderr \"ab\" and success, got \"{stdout}\" / \"{stderr}\", exit {session.Exit}");
        server.Dispose();
    }

    private static async Task<(WebSocket Client, WebSocket Server)> SocketPairAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connecting = new TcpClient();
        var connect = connecting.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, Ct).AsTask();
        var accepted = await listener.AcceptTcpClientAsync(Ct);
        await connect;
        var client = WebSocket.CreateFromStream(connecting.GetStream(), new WebSocketCreationOptions { IsServer = false });
        var server = WebSocket.CreateFromStream(accepted.GetStream(), new WebSocketCreationOptions { IsServer = true });
        return (client, server);
    }
}
