using System.Diagnostics;

namespace OrleansEci.Spdy.Tests.Support;

/// <summary>
/// Builds and runs tests/Spdy.Tests/go/spdystream_peer.go against moby/spdystream 0.2.0 from Debian's
/// golang-github-docker-spdystream-dev (GOPATH mode, no network). When Go or that package is missing the tests skip
/// with the command that installs them.
/// </summary>
internal static class GoInterop
{
    private const string GoPath = "/usr/share/gocode";
    private const string InstallHint = "apt-get install golang-go golang-github-docker-spdystream-dev";
    private static readonly Lazy<Task<string?>> Build = new(BuildAsync);

    /// <summary>Returns the built peer, or skips the test when the toolchain is absent.</summary>
    public static async Task<string> RequirePeerAsync()
    {
        var binary = await Build.Value;
        Assert.SkipWhen(binary is null, $"Go or moby/spdystream is not installed; run `{InstallHint}` to include the spdystream interop tests.");
        return binary!;
    }

    public static NodeProcess Start(string binary, params string[] arguments) =>
        new(CreateStartInfo(binary, arguments));

    private static async Task<string?> BuildAsync()
    {
        if (!Directory.Exists(Path.Combine(GoPath, "src", "github.com", "moby", "spdystream")) || FindOnPath("go") is null)
        {
            return null;
        }

        // One binary per source version, shared by test runs; built under a unique name and moved into place.
        var source = Path.GetFullPath(Path.Combine(NodeInterop.Directory, "..", "go", "spdystream_peer.go"));
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(source)))[..16];
        var output = Path.Combine(Path.GetTempPath(), $"orleans-eci-spdystream-peer-{hash}");
        if (File.Exists(output))
        {
            return output;
        }

        var building = $"{output}.{Environment.ProcessId}.tmp";
        using var process = new Process { StartInfo = CreateStartInfo("go", ["build", "-o", building, source]) };
        process.StartInfo.Environment["GO111MODULE"] = "off";
        process.StartInfo.Environment["GOPATH"] = GoPath;
        process.StartInfo.Environment["GOFLAGS"] = "";
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building spdystream_peer.go failed ({process.ExitCode}):\n{await stdout}{await stderr}");
        }

        File.Move(building, output, overwrite: true);
        return output;
    }

    private static ProcessStartInfo CreateStartInfo(string fileName, string[] arguments)
    {
        var info = NodeInterop.CreateStartInfo(fileName, arguments);
        info.WorkingDirectory = Path.GetTempPath();
        return info;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
