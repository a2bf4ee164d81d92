using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace OrleansEci.Spdy.Tests.Support;

/// <summary>A running Node.js driver: its stdout lines arrive on a channel, stderr is kept for failure messages.</summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder stderr = new();
    private readonly StringBuilder stdout = new();

    public NodeProcess(ProcessStartInfo startInfo)
    {
        process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                lines.Writer.TryComplete();
                return;
            }

            lock (stdout)
            {
                stdout.AppendLine(e.Data);
            }

            lines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"`node` is not installed or not on PATH ({ex.Message}). The SPDY interop tests need Node.js 20.", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything the process wrote so far, for failure messages.</summary>
    public string Transcript
    {
        get
        {
            lock (stdout)
            {
                lock (stderr)
                {
                    return $"stdout:\n{stdout}\nstderr:\n{stderr}";
                }
            }
        }
    }

    /// <summary>Waits for the first stdout line starting with <paramref name="prefix"/>.</summary>
    public async Task<string> WaitForLineAsync(string prefix, CancellationToken cancellationToken)
    {
        await foreach (var line in lines.Reader.ReadAllAsync(cancellationToken))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new Xunit.Sdk.XunitException($"node exited (code {ExitCodeOrNull()}) before printing '{prefix}'.\n{Transcript}");
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private int? ExitCodeOrNull() => process.HasExited ? process.ExitCode : null;
}
