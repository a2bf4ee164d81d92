using System.Diagnostics;
using System.Text.Json;

using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Interop;

/// <summary>
/// The standalone command as the README documents it (run from its built dll: the same Program as
/// <c>dotnet run --project src/Emulators/Eci -- --port 0 --access-key id:secret</c>): it prints its base URL, and signed
/// clients can create, describe, read logs of and delete a container group.
/// </summary>
public sealed class StandaloneTests
{
    [Fact]
    public async Task Standalone_SignedTestClient_CreatesDescribesReadsLogsAndDeletes()
    {
        await using Standalone eci = await Standalone.StartAsync();
        using EciTestClient client = new(eci.BaseUri, TestEmulator.KeyId, TestEmulator.Secret, TimeProvider.System);
        EciResponse created = (await client.CallAsync("CreateContainerGroup", new Dictionary<string, string>
        {
            ["ContainerGroupName"] = "standalone",
            ["Container.1.Name"] = "app",
            ["Container.1.Image"] = "busybox",
            ["Container.1.Command.1"] = "sh",
            ["Container.1.Command.2"] = "-c",
            ["Container.1.Command.3"] = "echo ready; sleep infinity",
        })).EnsureOk();
        string id = created["ContainerGroupId"].GetString()!;
        EciResponse described = (await client.CallV3Async("DescribeContainerGroups", new Dictionary<string, string> { ["ContainerGroupIds"] = $"[\"{id}\"]" })).EnsureOk();
        Assert.Equal("Running", described["ContainerGroups"][0].GetProperty("Status").GetString());
        EciResponse log = (await client.CallAsync("DescribeContainerLog", new Dictionary<string, string> { ["ContainerGroupId"] = id, ["ContainerName"] = "app" }, "GET")).EnsureOk();
        Assert.Equal("ready\n", log["Content"].GetString());
        (await client.CallAsync("DeleteContainerGroup", new Dictionary<string, string> { ["ContainerGroupId"] = id })).EnsureOk();
        Assert.Equal(0, (await client.CallAsync("DescribeContainerGroups")).EnsureOk()["TotalCount"].GetInt32());
    }

    [Fact]
    public async Task Standalone_PopCore_CreatesDescribesReadsLogsAndDeletes()
    {
        await NodeRunner.EnsureInstalledAsync();
        await using Standalone eci = await Standalone.StartAsync();
        JsonElement summary = await PopCoreTests.RunRoundTripAsync(eci.BaseUri);
        Assert.Equal("hello from pop-core\nsecond line\n", summary.GetProperty("log").GetString());
        Assert.Equal(0, summary.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Standalone_WithoutAccessKey_ExitsWithHowToFix()
    {
        using Process p = Process.Start(Standalone.StartInfo([]))!;
        string stderr = await p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(p.ExitCode == 2 && stderr.Contains("--access-key", StringComparison.Ordinal), $"Expected exit 2 naming --access-key, got {p.ExitCode}: {stderr}");
    }

    /// <summary>One standalone emulator process, stopped (by its own id) on dispose.</summary>
    private sealed class Standalone(Process process, Uri baseUri) : IAsyncDisposable
    {
        public Uri BaseUri { get; } = baseUri;

        public static ProcessStartInfo StartInfo(IEnumerable<string> args)
        {
            ProcessStartInfo start = new("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment.Remove("ECI_EMULATOR_ACCESS_KEY");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OrleansEci.Emulators.Eci.dll"));
            foreach (string a in args)
            {
                start.ArgumentList.Add(a);
            }

            return start;
        }

        public static async Task<Standalone> StartAsync()
        {
            Process p = Process.Start(StartInfo(["--port", "0", "--access-key", $"{TestEmulator.KeyId}:{TestEmulator.Secret}", "--scheduling", "0", "--pending", "0"]))!;
            using CancellationTokenSource limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(60));
            string? line = await p.StandardOutput.ReadLineAsync(limit.Token);
            if (line is null || !Uri.TryCreate(line, UriKind.Absolute, out Uri? uri))
            {
                p.Kill();
                string stderr = await p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
                throw new InvalidOperationException($"Expected the base URL on stdout, got '{line}'. stderr: {stderr}");
            }

            return new Standalone(p, uri);
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync(CancellationToken.None);
            }

            process.Dispose();
        }
    }
}
