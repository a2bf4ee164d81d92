using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace OrleansEci.Silo.Tests.Redis;

/// <summary>
/// A redis-server of one test's own (the binary <c>./test.sh</c> installs), so the test can stop and restart it without
/// disturbing the shared one. Keeps its data in a temporary folder with the append-only file on, as production's must
/// (orleans-redis.md §10), so a restart finds the membership table and grain state again.
/// </summary>
internal sealed class RedisServerProcess : IDisposable
{
    private readonly string _dir;
    private Process? _process;

    private RedisServerProcess(int port, string dir)
    {
        Port = port;
        _dir = dir;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)},abortConnect=false";

    public static async Task<RedisServerProcess> StartAsync()
    {
        var server = new RedisServerProcess(TestRedis.FreePort(), Directory.CreateTempSubdirectory("orleans-eci-redis-").FullName);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and folder and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        Assert.True(_process is null or { HasExited: true }, "redis-server is still running");
        _process?.Dispose();
        var start = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--dir", _dir, "--appendonly", "yes",
            "--appendfsync", "everysec", "--save", "", "--maxmemory-policy", "noeviction" })
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            _process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"redis-server is not installed ({e.Message}). Run the tests with ./test.sh, which installs it.");
        }

        _process!.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!await AnswersAsync())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20) && !_process.HasExited, $"redis-server on port {Port} did not answer PING within 20 s");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM: Redis flushes its append-only file and exits, as on a managed Redis's restart or failover.</summary>
    public async Task StopAsync()
    {
        Assert.NotNull(_process);
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            int read = await stream.ReadAsync(buffer);
            return read >= 5 && System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
