using System.Text;

using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Exec;

/// <summary>ExecContainerCommand: the WebSocketUri it returns runs the documented command set.</summary>
public sealed class ExecTests
{
    private static readonly Dictionary<string, string> WithConfig = new()
    {
        ["HostName"] = "web-1",
        ["Container.1.EnvironmentVar.1.Key"] = "GREETING",
        ["Container.1.EnvironmentVar.1.Value"] = "hello",
        ["Container.1.VolumeMount.1.Name"] = "config",
        ["Container.1.VolumeMount.1.MountPath"] = "/etc/app",
        ["Volume.1.Name"] = "config",
        ["Volume.1.Type"] = "ConfigFileVolume",
        ["Volume.1.ConfigFileVolume.ConfigFileToPath.1.Path"] = "app.conf",
        ["Volume.1.ConfigFileVolume.ConfigFileToPath.1.Content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("port=8080\n")),
    };

    private static async Task<(TestEmulator Eci, string Id)> RunningAsync()
    {
        TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web", extra: WithConfig);
        eci.Advance(TimeSpan.FromSeconds(5));
        return (eci, id);
    }

    private static async Task<string> ExecUriAsync(TestEmulator eci, string id, string commandJson, bool tty = false)
    {
        EciResponse r = (await eci.Client.CallAsync("ExecContainerCommand", new Dictionary<string, string>
        {
            ["ContainerGroupId"] = id, ["ContainerName"] = "app", ["Command"] = commandJson, ["TTY"] = tty ? "true" : "false",
        })).EnsureOk();
        return r["WebSocketUri"].GetString()!;
    }

    [Fact]
    public async Task Exec_ShellScript_StreamsOutputAndReportsExitCode()
    {
        (TestEmulator eci, string id) = await RunningAsync();
        await using (eci)
        {
            await using ExecClient exec = await ExecClient.ConnectAsync(await ExecUriAsync(eci, id, """["sh","-c","echo hi; hostname; env; cat /etc/app/app.conf /nope; exit 3"]"""));
            await exec.ReadUntilAsync();
            string stdout = exec.Stdout.ToString();
            Assert.StartsWith("hi\nweb-1\n", stdout, StringComparison.Ordinal);
            Assert.Contains("GREETING=hello\n", stdout, StringComparison.Ordinal);
            Assert.EndsWith("port=8080\n", stdout, StringComparison.Ordinal);
            Assert.Equal("cat: /nope: No such file or directory\n", exec.Stderr.ToString());
            Assert.Contains("\"reason\":\"NonZeroExitCode\"", exec.Status, StringComparison.Ordinal);
            Assert.Contains("\"message\":\"3\"", exec.Status, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Exec_InteractiveShellWithStdin_RunsEachLineUntilExit()
    {
        (TestEmulator eci, string id) = await RunningAsync();
        await using (eci)
        {
            await using ExecClient exec = await ExecClient.ConnectAsync(await ExecUriAsync(eci, id, """["/bin/sh"]"""));
            await exec.SendStdinAsync("echo first\n");
            await exec.ReadUntilAsync("first\n");
            await exec.SendStdinAsync("missing-tool\nexit 0\n");
            await exec.ReadUntilAsync();
            Assert.Equal("first\n", exec.Stdout.ToString());
            Assert.Equal("sh: missing-tool: not found\n", exec.Stderr.ToString());
            Assert.Equal("""{"metadata":{},"status":"Success"}""", exec.Status);
        }
    }

    [Fact]
    public async Task Exec_Tty_EchoesInputPromptsAndUsesCrLf()
    {
        (TestEmulator eci, string id) = await RunningAsync();
        await using (eci)
        {
            await using ExecClient exec = await ExecClient.ConnectAsync(await ExecUriAsync(eci, id, """["bash"]""", tty: true));
            await exec.SendStdinAsync("echo $HOME\r");
            await exec.ReadUntilAsync("$HOME\r\n# ");
            Assert.Equal("# echo $HOME\r$HOME\r\n# ", exec.Stdout.ToString());
            await exec.CloseStdinAsync();
            await exec.ReadUntilAsync();
            Assert.Contains("Success", exec.Status, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Exec_CatWithStdin_CopiesStdinUntilClosed()
    {
        (TestEmulator eci, string id) = await RunningAsync();
        await using (eci)
        {
            await using ExecClient exec = await ExecClient.ConnectAsync(await ExecUriAsync(eci, id, """["cat"]"""));
            await exec.SendStdinAsync("abc");
            await exec.ReadUntilAsync("abc");
            await exec.CloseStdinAsync();
            await exec.ReadUntilAsync();
            Assert.Equal("abc", exec.Stdout.ToString());
        }
    }

    [Fact]
    public async Task Exec_UriUsedTwice_SecondConnectionIsRefused()
    {
        (TestEmulator eci, string id) = await RunningAsync();
        await using (eci)
        {
            string uri = await ExecUriAsync(eci, id, """["echo","x"]""");
            await using (ExecClient first = await ExecClient.ConnectAsync(uri))
            {
                await first.ReadUntilAsync();
                Assert.Equal("x\n", first.Stdout.ToString());
            }

            await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => ExecClient.ConnectAsync(uri));
        }
    }

    [Fact]
    public async Task Exec_Sync_ReturnsOutputInSyncResponse()
    {
        (TestEmulator eci, string id) = await RunningAsync();
        await using (eci)
        {
            EciResponse r = (await eci.Client.CallAsync("ExecContainerCommand", new Dictionary<string, string>
            {
                ["ContainerGroupId"] = id, ["ContainerName"] = "app", ["Command"] = """["cat","/etc/app/app.conf"]""", ["Sync"] = "true",
            })).EnsureOk();
            Assert.Equal("port=8080\n", r["SyncResponse"].GetString());
        }
    }

    [Fact]
    public async Task Exec_GroupNotRunningYet_AnswersIncorrectStatus()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web");
        (await eci.Client.CallAsync("ExecContainerCommand", new Dictionary<string, string>
        {
            ["ContainerGroupId"] = id, ["ContainerName"] = "app", ["Command"] = """["echo","x"]""",
        })).AssertError(400, "IncorrectStatus");
    }

    [Theory]
    [InlineData("""["sh","-c","echo -n a; echo b"]""", "ab\n")]
    [InlineData("""["sh","-c","true && echo 'quoted  text' \"double\""]""", "quoted  text double\n")]
    [InlineData("""["/bin/sh"]""", "")]
    [InlineData("""["nosuch"]""", "sh: nosuch: not found\n")]
    public async Task Exec_SyncCommandSet_BehavesLikeAShell(string command, string expected)
    {
        (TestEmulator eci, string id) = await RunningAsync();
        await using (eci)
        {
            EciResponse r = (await eci.Client.CallAsync("ExecContainerCommand", new Dictionary<string, string>
            {
                ["ContainerGroupId"] = id, ["ContainerName"] = "app", ["Command"] = command, ["Sync"] = "true",
            })).EnsureOk();
            Assert.Equal(expected, r["SyncResponse"].GetString());
        }
    }
}
