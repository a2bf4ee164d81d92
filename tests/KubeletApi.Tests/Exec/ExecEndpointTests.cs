using OrleansEci.KubeletApi.Tests.Kubelet;
using OrleansEci.Spdy.RemoteCommand;
using OrleansEci.Spdy.WebSockets;

namespace OrleansEci.KubeletApi.Tests.Exec;

/// <summary><c>/exec</c> over real Kestrel against real groups in the local ECI service: SPDY and WebSocket, stdin, exit codes, TTY.</summary>
public sealed class ExecEndpointTests : IAsyncLifetime
{
    private KubeletTestServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await KubeletTestServer.StartAsync();
        await _server.RunPodAsync("web", "sleep infinity");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Exec_SpdyShellExitsThree_OutputAndExitCodeReachTheCaller()
    {
        await using var exec = await ExecClients.SpdyAsync(_server, "web", ExecClients.Command("sh", "-c", "echo hello $HOSTNAME; nosuch; exit 3"));

        var (stdout, stderr, status) = await ExecClients.RunToEndAsync(exec);

        Assert.True(stdout == "hello web\n" && stderr == "sh: nosuch: not found\n",
            $"Expected stdout \"hello web\\n\" and the unknown command on stderr for default/web, got \"{stdout}\" / \"{stderr}\"");
        Assert.True(status is { ExitCode: 3, Reason: "NonZeroExitCode" }, $"Expected exit code 3 for default/web, got {status}");
        Assert.Equal(RemoteCommandProtocols.V5, exec.Protocol);
    }

    [Fact]
    public async Task Exec_SpdyArgumentsWithSpacesAndQuotes_ArePassedIntact()
    {
        await using var exec = await ExecClients.SpdyAsync(_server, "web", ExecClients.Command("echo", "a  b", "'c'", "\"d\"", "$HOSTNAME"));

        var (stdout, _, status) = await ExecClients.RunToEndAsync(exec);

        // echo joins its arguments with one space: the two spaces inside the first argument survive only if it was not split.
        Assert.True(stdout == "a  b 'c' \"d\" web\n" && status.IsSuccess, $"Expected every argument intact for default/web, got \"{stdout}\", {status}");
    }

    [Fact]
    public async Task Exec_SpdyStdinToCat_IsCopiedAndEndsWhenStdinCloses()
    {
        var request = ExecClients.Command("cat") with { Stdin = true };
        await using var exec = await ExecClients.SpdyAsync(_server, "web", request);

        await exec.Stdin!.WriteAsync("hi from stdin\n"u8.ToArray(), TestContext.Current.CancellationToken);
        await exec.CloseStdinAsync(TestContext.Current.CancellationToken);
        var (stdout, _, status) = await ExecClients.RunToEndAsync(exec);

        Assert.True(stdout == "hi from stdin\n" && status.IsSuccess, $"Expected cat to copy stdin and exit 0 for default/web, got \"{stdout}\", {status}");
    }

    [Fact]
    public async Task Exec_SpdyTtyShellWithResize_RunsTypedLinesAndReportsTheExitCode()
    {
        var request = new RemoteCommandRequest(Stdin: true, Stdout: true, Stderr: false, Tty: true) { Command = ["sh"], Container = "app" };
        await using var exec = await ExecClients.SpdyAsync(_server, "web", request);

        await exec.ResizeAsync(new TerminalSize(120, 40), TestContext.Current.CancellationToken);
        await exec.Stdin!.WriteAsync("echo $HOSTNAME\rnosuch\rexit 4\r"u8.ToArray(), TestContext.Current.CancellationToken);
        var (stdout, stderr, status) = await ExecClients.RunToEndAsync(exec);

        Assert.True(stdout.Contains("web\r\n", StringComparison.Ordinal) && stdout.Contains("sh: nosuch: not found\r\n", StringComparison.Ordinal) && stderr.Length == 0,
            $"Expected the TTY's CRLF output with stderr merged into it for default/web, got \"{stdout}\" / \"{stderr}\"");
        Assert.True(status.ExitCode == 4, $"Expected exit code 4 from the TTY shell of default/web, got {status}");
    }

    [Fact]
    public async Task Exec_SpdyThroughTheUidRoute_RunsWhenTheUidMatches()
    {
        await using var exec = await ExecClients.SpdyAsync(_server, "web", ExecClients.Command("true"), uid: "uid-default-web");

        var (_, _, status) = await ExecClients.RunToEndAsync(exec);

        Assert.True(status.IsSuccess, $"Expected success through /exec/default/web/uid-default-web/app, got {status}");
    }

    [Theory]
    [InlineData(RemoteCommandProtocols.V5)]
    [InlineData(RemoteCommandProtocols.V4)]
    [InlineData(RemoteCommandProtocols.V4Base64)]
    public async Task Exec_WebSocket_OutputAndExitCodeOnTheirChannels(string protocol)
    {
        using var exec = await ExecClients.WebSocketAsync(_server, "web", ExecClients.Command("sh", "-c", "echo hello; nosuch; exit 7"), protocol);

        await exec.ReceiveUntilCloseAsync();

        Assert.True(exec.NegotiatedProtocol == protocol, $"Expected the kubelet to accept {protocol}, it chose '{exec.NegotiatedProtocol}'");
        Assert.True(exec.Text(RemoteCommandChannel.Stdout) == "hello\n" && exec.Text(RemoteCommandChannel.Stderr) == "sh: nosuch: not found\n",
            $"Expected stdout and stderr on channels 1 and 2 over {protocol}, got \"{exec.Text(1)}\" / \"{exec.Text(2)}\"");
        Assert.True(exec.Status.ExitCode == 7, $"Expected exit code 7 on channel 3 over {protocol}, got \"{exec.Text(RemoteCommandChannel.Error)}\"");
    }

    [Fact]
    public async Task Exec_WebSocketV5StdinWithCloseSignal_CatEndsWithSuccess()
    {
        using var exec = await ExecClients.WebSocketAsync(_server, "web", ExecClients.Command("cat") with { Stdin = true }, RemoteCommandProtocols.V5);

        await exec.SendStdinAsync("line one\nline two\n");
        await exec.CloseStdinAsync();
        await exec.ReceiveUntilCloseAsync();

        Assert.True(exec.Text(RemoteCommandChannel.Stdout) == "line one\nline two\n" && exec.Status.IsSuccess,
            $"Expected cat to copy both lines and succeed over v5, got \"{exec.Text(1)}\", status \"{exec.Text(RemoteCommandChannel.Error)}\"");
    }

    [Fact]
    public async Task Exec_GroupDeletedBehindTheDirectory_EciNotFoundIsA404Status()
    {
        // A second pod whose group is deleted behind the directory's back: ECI answers ExecContainerCommand with NotFound.
        var (pod, _) = await _server.RunPodAsync("gone", "sleep infinity");
        await _server.EciClient.DeleteContainerGroupAsync(new Eci.ContainerGroups.DeleteContainerGroupRequest { ContainerGroupId = pod.ContainerGroupId! }, TestContext.Current.CancellationToken);
        _server.Clock.Advance(TimeSpan.FromSeconds(60));

        var error = await Assert.ThrowsAsync<Spdy.Upgrade.SpdyUpgradeException>(() => ExecClients.SpdyAsync(_server, "gone", ExecClients.Command("true")));

        Assert.True(error.StatusCode == 404 && error.Message.Contains("ExecContainerCommand", StringComparison.Ordinal),
            $"Expected ECI's NotFound for default/gone's deleted group as a 404 Status naming the action, got {error.StatusCode}: {error.Message}");
    }

    [Fact]
    public async Task Exec_NonZeroExit_StatusMessageNamesCommandAndCode()
    {
        await using var exec = await ExecClients.SpdyAsync(_server, "web", ExecClients.Command("sh", "-c", "exit 9"));
        var (_, _, status) = await ExecClients.RunToEndAsync(exec);
        Assert.True(status.ExitCode == 9 && status.Message!.Contains("sh -c exit 9", StringComparison.Ordinal),
            $"Expected the kubelet's message naming the command and exit code 9, got {status}");
    }
}
