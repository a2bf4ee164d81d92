using System.Diagnostics;
using System.Text;

namespace OrleansEci.Silo.Tests.Redis;

/// <summary>
/// One real silo process (<c>OrleansEci.Silo</c>, copied next to the tests by the project reference) configured through
/// its environment, as a Deployment's pod would be. <see cref="Kill"/> is <c>kill -9</c>; disposing kills it if it runs.
/// </summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private SiloProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>The silo's index in its cluster: the number in its name (<c>silo-2</c> is 2).</summary>
    public int Index => int.Parse(Name[(Name.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string> environment)
    {
        string executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "OrleansEci.Silo.exe" : "OrleansEci.Silo");
        Assert.True(File.Exists(executable), $"Expected the silo's executable at {executable} (copied by the project reference).");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new SiloProcess(name, Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}."));
    }

    /// <summary>SIGKILL: no graceful shutdown, no membership update, in-flight calls lost.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>
    /// SIGTERM, as the kubelet sends it when a pod is deleted, then waits for the process to end (the host drains:
    /// grains deactivate, the silo leaves the membership). Returns the exit code; fails the test after <paramref name="grace"/>.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Name} did not exit within {grace.TotalSeconds} s of SIGTERM (the termination grace period); last lines:\n"
                + string.Join('\n', Output.Split('\n').TakeLast(40)));
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_gate)
            {
                _output.AppendLine(line);
            }
        }
    }
}
