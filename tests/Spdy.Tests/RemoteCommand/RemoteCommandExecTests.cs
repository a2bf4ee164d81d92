using System.Text;

using OrleansEci.Spdy.RemoteCommand;
using OrleansEci.Spdy.Tests.Support;
using OrleansEci.Spdy.Upgrade;
using OrleansEci.Spdy.WebSockets;

namespace OrleansEci.Spdy.Tests.RemoteCommand;

/// <summary>Full exec round trips over real Kestrel: SPDY straight to the kubelet endpoint, and kubectl's WebSocket
/// through the API-server endpoint's bridge to the kubelet over SPDY.</summary>
public sealed class RemoteCommandExecTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task SpdyClient_KubeletEndpoint_StreamsStdioAndReportsExitCode3()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ExecTestServer.StartAsync();
        var request = new RemoteCommandRequest(Stdin: true, Stdout: true, Stderr: true, Tty: false) { Command = ["sh", "-c", "exit 3"] };
        var uri = new Uri(server.BaseAddress, $"/exec/default/web/c1{request.ToKubeletQueryString()}");

        await using var exec = await SpdyRemoteCommandClient.ConnectAsync(uri, request, cancellationToken: ct);
        var (stdout, stderr) = await RunAsync(exec, "hello kubelet");
        var status = await exec.WaitForStatusAsync(ct);

        Assert.Equal(RemoteCommandProtocols.V5, exec.Protocol);
        Assert.Equal("HELLO KUBELET", stdout);
        Assert.Equal("read 13 bytes\n", stderr);
        Assert.Equal(3, status.ExitCode);
        Assert.Equal("command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3", status.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task SpdyClient_OldKubeletOfferingV4ToV1_NegotiatesV4WithTtyResize()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ExecTestServer.StartAsync();
        var request = new RemoteCommandRequest(Stdin: true, Stdout: true, Stderr: false, Tty: true) { Command = ["bash", "0"] };
        var uri = new Uri(server.BaseAddress, $"/exec/default/web/c1{request.ToKubeletQueryString()}");
        var options = new SpdyUpgradeClientOptions { Protocols = [RemoteCommandProtocols.V4, RemoteCommandProtocols.V3, RemoteCommandProtocols.V2, RemoteCommandProtocols.V1] };

        await using var exec = await SpdyRemoteCommandClient.ConnectAsync(uri, request, options, cancellationToken: ct);
        await exec.ResizeAsync(new TerminalSize(132, 43), ct);
        var (stdout, _) = await RunAsync(exec, "ls\n");
        var status = await exec.WaitForStatusAsync(ct);

        Assert.Equal(RemoteCommandProtocols.V4, exec.Protocol);
        Assert.Null(exec.Stderr);
        Assert.Equal("size 132x43\nLS\n", stdout);
        Assert.True(status.IsSuccess, $"exit 0 should report Success, got {status}.");
    }

    [Fact(Timeout = 60_000)]
    public async Task SpdyClient_V2Kubelet_ReportsFailureAsText()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ExecTestServer.StartAsync();
        var request = new RemoteCommandRequest(Stdin: false, Stdout: true, Stderr: true, Tty: false) { Command = ["false", "1"] };
        var uri = new Uri(server.BaseAddress, $"/exec/default/web/c1{request.ToKubeletQueryString()}");
        var options = new SpdyUpgradeClientOptions { Protocols = [RemoteCommandProtocols.V2] };

        await using var exec = await SpdyRemoteCommandClient.ConnectAsync(uri, request, options, cancellationToken: ct);
        var (_, stderr) = await RunAsync(exec, null);
        var status = await exec.WaitForStatusAsync(ct);

        Assert.Equal("read 0 bytes\n", stderr);
        Assert.Equal((false, (int?)null), (status.IsSuccess, status.ExitCode));
        Assert.StartsWith("command terminated with non-zero exit code", status.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task KubectlWebSocketV5_ApiServerBridgesToKubeletOverSpdy_StdinOutputAndExitCodeArrive()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ExecTestServer.StartAsync();
        var uri = new Uri($"ws://{server.BaseAddress.Authority}/api/v1/namespaces/default/pods/web/exec?command=cat&command=3&container=c1&stdin=true&stdout=true&stderr=true");
        using var kubectl = await KubectlWebSocket.ConnectAsync(uri, RemoteCommandProtocols.V5, ct);
        var receive = kubectl.ReceiveUntilCloseAsync(ct);
        var input = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcdefghij", 30_000)));

        for (var offset = 0; offset < input.Length; offset += 10_000)
        {
            await kubectl.SendAsync(RemoteCommandChannel.Stdin, input.AsSpan(offset, 10_000), ct);
        }

        await kubectl.SendCloseSignalAsync(RemoteCommandChannel.Stdin, ct);
        await receive;

        var status = RemoteCommandStatus.ParseJson(kubectl.Channel(RemoteCommandChannel.Error));
        var expected = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(input).ToUpperInvariant());
        Assert.True(expected.AsSpan().SequenceEqual(kubectl.Channel(RemoteCommandChannel.Stdout)),
            $"stdout should be the {input.Length} stdin bytes upper-cased; got {kubectl.Channel(RemoteCommandChannel.Stdout).Length} bytes; stderr said: {Encoding.ASCII.GetString(kubectl.Channel(RemoteCommandChannel.Stderr))}; status {Encoding.ASCII.GetString(kubectl.Channel(RemoteCommandChannel.Error))}; server log:\n{server.LogText}");
        Assert.Equal($"read {input.Length} bytes\n", Encoding.ASCII.GetString(kubectl.Channel(RemoteCommandChannel.Stderr)));
        Assert.Equal(3, status.ExitCode);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, kubectl.CloseStatus);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(RemoteCommandProtocols.V4)]
    [InlineData(RemoteCommandProtocols.V4Base64)]
    public async Task KubectlWebSocketV4_ApiServerBridgesToKubelet_OutputAndStatusUseProtocolEncoding(string protocol)
    {
        var ct = TestContext.Current.CancellationToken;
        // v4 has no CLOSE signal for stdin, so this command takes no input.
        await using var server = await ExecTestServer.StartAsync();
        var uri = new Uri($"ws://{server.BaseAddress.Authority}/api/v1/namespaces/default/pods/web/exec?command=true&command=7&container=c1&stdout=1&stderr=1");
        using var kubectl = await KubectlWebSocket.ConnectAsync(uri, protocol, ct);

        await kubectl.ReceiveUntilCloseAsync(ct);

        Assert.Equal("read 0 bytes\n", Encoding.ASCII.GetString(kubectl.Channel(RemoteCommandChannel.Stderr)));
        Assert.Equal(7, RemoteCommandStatus.ParseJson(kubectl.Channel(RemoteCommandChannel.Error)).ExitCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task OldSpdyKubectl_ApiServerBridgesSpdyToKubeletSpdy_ExitCodeArrives()
    {
        var ct = TestContext.Current.CancellationToken;
        // KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false: kubectl speaks SPDY to the API server, which still dials the kubelet.
        await using var server = await ExecTestServer.StartAsync();
        var request = new RemoteCommandRequest(Stdin: true, Stdout: true, Stderr: true, Tty: false) { Command = ["cat", "42"], Container = "c1" };
        var uri = new Uri(server.BaseAddress, "/api/v1/namespaces/default/pods/web/exec?command=cat&command=42&container=c1&stdin=true&stdout=true&stderr=true");

        await using var exec = await SpdyRemoteCommandClient.ConnectAsync(uri, request, cancellationToken: ct);
        var (stdout, stderr) = await RunAsync(exec, "through two hops");
        var status = await exec.WaitForStatusAsync(ct);

        Assert.Equal(("THROUGH TWO HOPS", "read 16 bytes\n", 42), (stdout, stderr, status.ExitCode));
    }

    [Fact(Timeout = 60_000)]
    public async Task KubectlWebSocketV5_KubeletCommandCrashes_ReportsFailureInsteadOfSuccess()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ExecTestServer.StartAsync();
        var uri = new Uri($"ws://{server.BaseAddress.Authority}/api/v1/namespaces/default/pods/web/exec?command=crash&container=c1&stdout=true");
        using var kubectl = await KubectlWebSocket.ConnectAsync(uri, RemoteCommandProtocols.V5, ct);

        await kubectl.ReceiveUntilCloseAsync(ct);

        var status = RemoteCommandStatus.ParseJson(kubectl.Channel(RemoteCommandChannel.Error));
        Assert.False(status.IsSuccess, "A command that crashed must not be reported as a success.");
        Assert.Equal("the remote command ended without reporting its status", status.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task KubectlWebSocketV5_KubeletUnreachable_GetsTheDialErrorAsStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ExecTestServer.StartAsync();
        var uri = new Uri($"ws://{server.BaseAddress.Authority}/api/v1/namespaces/default/pods/gone/exec?command=ls&container=c1&stdout=true");
        using var kubectl = await KubectlWebSocket.ConnectAsync(uri, RemoteCommandProtocols.V5, ct);

        await kubectl.ReceiveUntilCloseAsync(ct);

        var status = RemoteCommandStatus.ParseJson(kubectl.Channel(RemoteCommandChannel.Error));
        Assert.Equal(("NotFound", 404, "unable to upgrade connection: HTTP 404"), (status.Reason, status.Code, status.Message));
    }

    private static async Task<(string Stdout, string Stderr)> RunAsync(SpdyRemoteCommandClient exec, string? stdin)
    {
        var stdout = ReadAllAsync(exec.Stdout);
        var stderr = ReadAllAsync(exec.Stderr);
        if (stdin is not null)
        {
            await exec.Stdin!.WriteAsync(Encoding.ASCII.GetBytes(stdin), Ct);
            await exec.CloseStdinAsync(Ct);
        }

        return (await stdout, await stderr);
    }

    private static async Task<string> ReadAllAsync(Stream? stream)
    {
        if (stream is null)
        {
            return "";
        }

        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        return await reader.ReadToEndAsync(Ct);
    }
}
