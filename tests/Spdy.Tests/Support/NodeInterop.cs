using System.Diagnostics;
using System.Text;

namespace OrleansEci.Spdy.Tests.Support;

/// <summary>
/// Runs the Node.js drivers in tests/Spdy.Tests/node (spdy-transport 3.x, an independent SPDY/3.1 implementation).
/// Installs the locked packages with <c>npm ci</c> when node_modules is missing.
/// </summary>
internal static class NodeInterop
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool installed;

    public static string Directory { get; } = FindNodeDirectory();

    /// <summary>Makes sure node_modules exists, running <c>npm ci</c> once per test run if it does not.</summary>
    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            if (installed || System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "spdy-transport")))
            {
                installed = true;
                return;
            }

            var (exitCode, output) = await RunToEndAsync("npm", ["ci", "--no-audit", "--no-fund"], cancellationToken);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"`npm ci` in {Directory} failed with exit code {exitCode}. Output:\n{output}");
            }

            installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Starts <c>node script args</c> with stdout lines delivered to a channel.</summary>
    public static NodeProcess Start(string script, params string[] arguments) =>
        new(CreateStartInfo("node", [Path.Combine(Directory, script), .. arguments]));

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(string fileName, string[] arguments, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = CreateStartInfo(fileName, arguments) };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"`{fileName}` is not installed or not on PATH ({ex.Message}). The SPDY interop tests need Node.js 20 and npm: install them (apt-get install nodejs npm).", ex);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    internal static ProcessStartInfo CreateStartInfo(string fileName, string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static string FindNodeDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "node");
            if (File.Exists(Path.Combine(dir.FullName, "Spdy.Tests.csproj")) && File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"Could not find tests/Spdy.Tests/node/package.json above {AppContext.BaseDirectory}.");
    }
}
