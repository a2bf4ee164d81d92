using System.Diagnostics;
using System.Text.RegularExpressions;

using OrleansEci.Silo.Tests.Sandbox.Support;

namespace OrleansEci.Silo.Tests.Sandbox;

/// <summary>
/// The sandbox's console belongs to its live view; logs go to <c>sandbox.log</c> (the silo's and the ECI service's
/// already do). Its own class, so that its observation window runs beside the other tests.
/// </summary>
public sealed partial class SandboxConsoleTests : IDisposable
{
    /// <summary>
    /// Long enough to see the local API server's first metrics scrape after the virtual nodes registered (it scrapes every
    /// 15 s from its start): an absence can only be observed over a window.
    /// </summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(17);

    private readonly string _directory = Directory.CreateTempSubdirectory("silo-sandbox-console-").FullName;

    [Fact]
    public async Task Run_Serving_WritesNoLogLinesOverTheLiveView()
    {
        var started = Stopwatch.StartNew();
        await using var sandbox = SandboxProcess.Start("--dir", _directory);
        await sandbox.WaitForOutputAsync("two virtual nodes are Ready", TimeSpan.FromSeconds(60));

        TimeSpan rest = Window - started.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, TestContext.Current.CancellationToken);
        }

        var logLines = ConsoleLogLine().Matches(sandbox.Stdout + sandbox.Stderr).Select(m => m.Value.Trim()).Distinct().ToArray();
        Assert.True(logLines.Length == 0,
            $"Expected no log lines on the sandbox's console in its first {Window.TotalSeconds} s (they belong in {Path.Combine(_directory, "sandbox.log")}); "
            + $"it printed:\n{string.Join('\n', logLines)}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A killed sandbox may still hold its log; the temp folder is left behind.
        }
    }

    /// <summary>A Microsoft.Extensions.Logging console line: <c>warn: Category[EventId]</c> and its message line.</summary>
    [GeneratedRegex(@"(trce|dbug|info|warn|fail|crit): [\w.]+\[\d+\]\s*\n.*")]
    private static partial Regex ConsoleLogLine();
}
