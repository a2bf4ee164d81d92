using System.Diagnostics;

using OrleansEci.Spdy.Tests.Support;

namespace OrleansEci.Spdy.Tests.RemoteCommand;

/// <summary>
/// The real kubectl (1.32, on PATH) against the test API server, which bridges to the test kubelet over SPDY: over
/// WebSocket (kubectl's default) and over SPDY (KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false). Skipped when kubectl is
/// not installed.
/// </summary>
public sealed class KubectlExecTests
{
    [Theory(Timeout = 120_000)]
    [InlineData("true", "exec accepted over websocket v5.channel.k8s.io")]
    [InlineData("false", "exec accepted over spdy v5.channel.k8s.io")]
    public async Task KubectlExec_StdinAndExit3_PrintsOutputAndExitsWith3(string websockets, string expectedTransport)
    {
        var ct = TestContext.Current.CancellationToken;
        var kubectl = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, "kubectl")).FirstOrDefault(File.Exists);
        Assert.SkipWhen(kubectl is null, "kubectl is not on PATH; install kubectl 1.32 to run the real-client exec tests.");
        await using var server = await ExecTestServer.StartAsync();
        var home = Directory.CreateTempSubdirectory("spdy-kubectl-");
        try
        {
            var config = Path.Combine(home.FullName, "kubeconfig");
            // JSON is YAML, so this is a valid kubeconfig: no auth, the test server over plain HTTP.
            var url = server.BaseAddress.ToString().TrimEnd('/');
            await File.WriteAllTextAsync(config, $$$"""
                {"apiVersion":"v1","kind":"Config","current-context":"test",
                 "clusters":[{"name":"test","cluster":{"server":"{{{url}}}"}}],
                 "users":[{"name":"test","user":{}}],
                 "contexts":[{"name":"test","context":{"cluster":"test","user":"test","namespace":"default"}}]}
                """, ct);
            var start = new ProcessStartInfo(kubectl!)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "exec", "-i", "web", "-c", "c1", "--", "sh", "-c", "exit 3" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["KUBECONFIG"] = config;
            start.Environment["HOME"] = home.FullName;
            start.Environment["KUBECACHEDIR"] = Path.Combine(home.FullName, "cache");
            start.Environment["KUBECTL_REMOTE_COMMAND_WEBSOCKETS"] = websockets;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.StandardInput.WriteAsync("hello kubectl");
            process.StandardInput.Close();
            await process.WaitForExitAsync(ct);

            var transcript = $"exit {process.ExitCode}\nstdout: {await stdout}\nstderr: {await stderr}\nserver log:\n{server.LogText}";
            Assert.True(process.ExitCode == 3, $"kubectl should exit with the command's code 3.\n{transcript}");
            Assert.Equal("HELLO KUBECTL", await stdout);
            Assert.Contains("read 13 bytes", await stderr, StringComparison.Ordinal);
            Assert.Contains("command terminated with exit code 3", await stderr, StringComparison.Ordinal);
            Assert.Contains(expectedTransport, server.LogText, StringComparison.Ordinal);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }
}
