using System.Diagnostics;

namespace OrleansEci.Emulators.Eci.Tests.Support;

/// <summary>
/// Runs the committed node scripts under tests/Emulators.Eci.Tests/node, installing @alicloud/pop-core with
/// <c>npm ci</c> (from the committed lock file) the first time node_modules is missing.
/// </summary>
internal static class NodeRunner
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public static string NodeDirectory { get; } = FindNodeDirectory();

    /// <summary>Skips the test, saying why, when node or npm is not installed.</summary>
    public static async Task EnsureInstalledAsync()
    {
        Assert.SkipUnless(OnPath("node") && OnPath("npm"), "node and npm are not on PATH; the pop-core wire check needs Node.js 18+ (apt-get install nodejs npm).");
        await InstallGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!Directory.Exists(Path.Combine(NodeDirectory, "node_modules", "@alicloud", "pop-core")))
            {
                (int code, string output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], new Dictionary<string, string>());
                Assert.True(code == 0, $"npm ci in {NodeDirectory} failed with {code}: {output}");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string> env)
    {
        ProcessStartInfo start = new(file) { WorkingDirectory = NodeDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach ((string k, string v) in env)
        {
            start.Environment[k] = v;
        }

        using Process p = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using CancellationTokenSource limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(limit.Token);
        return (p.ExitCode, (await stdout) + (await stderr));
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, tool)));

    private static string FindNodeDirectory()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "Emulators.Eci.Tests", "node");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"tests/Emulators.Eci.Tests/node not found above {AppContext.BaseDirectory}");
    }
}
