using System.Diagnostics;
using System.Reflection;

namespace OrleansEci.Runtime.Bench;

/// <summary>
/// The driver's handle on the <see cref="PeerHost"/> child process: its URLs and its CPU time. Dispose closes the
/// child's standard input, which stops it, and waits for it to exit.
/// </summary>
internal sealed class Peers : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _drain;

    private Peers(Process process, Uri eci, Uri kube, Task drain)
    {
        _process = process;
        EciUri = eci;
        KubeUri = kube;
        _drain = drain;
    }

    public Uri EciUri { get; }

    public Uri KubeUri { get; }

    /// <summary>Processor time the peers have used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    public static async Task<Peers> StartAsync(bool unlimited, CancellationToken cancellationToken)
    {
        // Run the same executable: the apphost directly, or `dotnet OrleansEci.Runtime.Bench.dll`.
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown; run the built executable.");
        ProcessStartInfo start = new(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        start.ArgumentList.Add(PeerHost.Command);
        if (unlimited)
        {
            start.ArgumentList.Add(PeerHost.UnlimitedFlag);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {self} {PeerHost.Command}.");
        Uri? eci = null, kube = null;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is string line && line != "ready")
        {
            if (line.StartsWith("eci=", StringComparison.Ordinal))
            {
                eci = new Uri(line[4..]);
            }
            else if (line.StartsWith("kube=", StringComparison.Ordinal))
            {
                kube = new Uri(line[5..]);
            }
        }

        if (eci is null || kube is null)
        {
            process.Kill();
            throw new InvalidOperationException("The peers process exited before printing both URLs; see its output above.");
        }

        // The API server logs warnings to its standard output: forward them so the pipe never fills.
        Task drain = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is string line)
            {
                await Console.Error.WriteLineAsync("[peers] " + line);
            }
        }, CancellationToken.None);
        return new Peers(process, eci, kube, drain);
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using CancellationTokenSource patience = new(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        await _drain;
        _process.Dispose();
    }
}
