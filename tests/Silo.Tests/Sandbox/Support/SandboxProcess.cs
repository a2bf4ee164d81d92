using System.Diagnostics;
using System.Text;

namespace OrleansEci.Silo.Tests.Sandbox.Support;

/// <summary>
/// <c>OrleansEci.Silo sandbox ARGS</c> as a separate process (the build copies the silo's executable next to the tests),
/// for what only the command line does: exit codes, the welcome text, signals. Disposing kills it if it still runs.
/// </summary>
internal sealed class SandboxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly Task _readers;

    private SandboxProcess(Process process)
    {
        _process = process;
        _readers = Task.WhenAll(PumpAsync(process.StandardOutput, _stdout), PumpAsync(process.StandardError, _stderr));
    }

    public int Id => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    public static SandboxProcess Start(params string[] args)
    {
        string executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "OrleansEci.Silo.exe" : "OrleansEci.Silo");
        Assert.True(File.Exists(executable), $"Expected the silo's executable at {executable} (copied by the project reference).");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("sandbox");
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new SandboxProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}."));
    }

    /// <summary>Waits until stdout contains <paramref name="text"/>; fails (showing the output) if the process exits or the limit passes first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"Expected the sandbox to print \"{text}\"; it exited with {_process.ExitCode}.\n{Output()}");
            }

            Assert.True(deadline.Elapsed < limit, $"Expected the sandbox to print \"{text}\" within {limit.TotalSeconds} s; it did not.\n{Output()}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Sends a POSIX signal (<c>INT</c>, <c>TERM</c>) the way a terminal or a process manager would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo(KubectlBinary.ShellPath ?? "sh") { ArgumentList = { "-c", $"kill -{signal} {Id}" } })!;
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The exit code, or null when the process still runs after <paramref name="limit"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await _readers;
            return _process.ExitCode;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The last of stdout and stderr, for failure messages.</summary>
    public string Output() => $"stdout (end):\n{Tail(Stdout)}\nstderr (end):\n{Tail(Stderr)}";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        await _readers;
        _process.Dispose();
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];

    private async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        char[] buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            lock (_gate)
            {
                into.Append(buffer, 0, read);
            }
        }
    }
}
