using OrleansEci.Silo.Tests.Sandbox.Support;

namespace OrleansEci.Silo.Tests.Sandbox;

/// <summary>
/// The <c>sandbox</c> command line as a newcomer meets it: a refused argument exits 2 saying why, <c>--once</c> prints how
/// to use the sandbox and exits 0, and a stop signal (Ctrl+C, or a process manager's SIGTERM) ends the process.
/// </summary>
public sealed class SandboxCommandTests : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(15);
    private const string Ready = "two virtual nodes are Ready";

    private readonly string _directory = Directory.CreateTempSubdirectory("silo-sandbox-command-").FullName;

    [Fact]
    public async Task Run_MalformedArgument_ExitsTwoWithTheReasonOnStderr()
    {
        await using var sandbox = SandboxProcess.Start("--demo", "abc");

        int? exit = await sandbox.WaitForExitAsync(StartLimit);

        Assert.True(exit == 2, $"Expected `sandbox --demo abc` to exit 2; it exited {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not at all"}.\n{sandbox.Output()}");
        Assert.Equal("--demo takes a number of pods from 1 to 100000, e.g. --demo 20", sandbox.Stderr.Trim());
    }

    [Fact]
    public async Task Run_Once_PrintsTheKubeconfigToExportAndExitsZero()
    {
        await using var sandbox = SandboxProcess.Start("--dir", _directory, "--once");

        int? exit = await sandbox.WaitForExitAsync(StartLimit);

        Assert.True(exit == 0, $"Expected `sandbox --once` to exit 0 once the nodes are Ready; it exited {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not at all"}.\n{sandbox.Output()}");
        string kubeconfig = Path.Combine(_directory, "kubeconfig");
        Assert.Contains(Squash($"export KUBECONFIG={kubeconfig}; kubectl get nodes"), Squash(sandbox.Stdout), StringComparison.Ordinal);
        Assert.Contains(Ready, sandbox.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(kubeconfig) && File.Exists(Path.Combine(_directory, "sandbox.log")),
            $"Expected the kubeconfig and sandbox.log in {_directory}; it holds [{string.Join(", ", Directory.GetFiles(_directory).Select(Path.GetFileName))}].");
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Run_StopSignal_StopsAndExits(string signal)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows() || KubectlBinary.ShellPath is null, "POSIX signals need a POSIX system with sh.");
        await using var sandbox = SandboxProcess.Start("--dir", _directory);
        await sandbox.WaitForOutputAsync(Ready, StartLimit);

        await sandbox.SignalAsync(signal);
        int? exit = await sandbox.WaitForExitAsync(StopLimit);

        string log = Path.Combine(_directory, "sandbox.log");
        Assert.True(exit == 0 && sandbox.Stdout.Contains("Stopping…", StringComparison.Ordinal),
            $"Expected the sandbox to stop (\"Stopping…\", exit 0) within {StopLimit.TotalSeconds} s of SIG{signal}; "
            + $"it {(exit is null ? "was still running" : $"exited {exit}")}. Log {log}:\n{LogTail(log)}\n{sandbox.Output()}");
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

    /// <summary>Text without white space and panel borders: the welcome panel wraps long lines at the console's width.</summary>
    private static string Squash(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c) && c != '│')]);

    private static string LogTail(string path)
    {
        if (!File.Exists(path))
        {
            return "(no log)";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        string text = new StreamReader(stream).ReadToEnd();
        return string.Join('\n', text.Split('\n').Where(l => l.StartsWith("20", StringComparison.Ordinal)).TakeLast(8));
    }
}
