using System.Diagnostics;
using System.Text;

using OrleansEci.Spdy.Tests.Support;

namespace OrleansEci.Spdy.Tests.Interop;

/// <summary>
/// Runs <c>peer.js</c> in this folder: Node's spdy-transport 3.x, an independent SPDY/3.1 implementation. Its packages
/// come from this folder's package-lock.json through <c>npm ci</c>, which <c>./test.sh</c> runs; without them the test
/// fails saying so, instead of reaching for the network in the middle of a test run.
/// </summary>
internal static class SpdyTransportPeer
{
    public static string Directory { get; } = FindDirectory();

    /// <summary>Starts <c>node peer.js args</c>; fails naming ./test.sh when node_modules was not installed.</summary>
    public static NodeProcess Start(params string[] arguments)
    {
        Assert.True(System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "spdy-transport")),
            $"Expected spdy-transport in {Path.Combine(Directory, "node_modules")}: run ./test.sh (it runs `npm ci` there), or `npm ci` in {Directory}.");
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Path.Combine(Directory, "peer.js"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new NodeProcess(info);
    }

    // The source folder, found from the test assembly upwards by the solution file, so it works with any --artifacts-path.
    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.Eci.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "Spdy.Tests", "Interop");
            }
        }

        throw new InvalidOperationException($"Could not find Orleans.Eci.sln above {AppContext.BaseDirectory}.");
    }
}
