using System.Text.Json;

using OrleansEci.Emulators.Eci.Hosting;
using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Interop;

/// <summary>
/// Alibaba's own generic RPC client (@alicloud/pop-core, signature v1, form POST and GET) against the in-process
/// emulator: an independent client is the strongest check of wire fidelity. pop-core stamps requests with the wall
/// clock, so the emulator's fake clock starts at the current time and groups start at once.
/// </summary>
public sealed class PopCoreTests
{
    [Fact]
    public async Task PopCore_CreateDescribeLogsDelete_RoundTrips()
    {
        await NodeRunner.EnsureInstalledAsync();
        await using TestEmulator eci = await TestEmulator.StartAsync(Instant, DateTimeOffset.UtcNow);
        JsonElement summary = await RunRoundTripAsync(eci.Host.BaseUri);
        Assert.Equal("Succeeded", summary.GetProperty("status").GetString());
        Assert.Equal("hello from pop-core\nsecond line\n", summary.GetProperty("log").GetString());
        Assert.Equal(0, summary.GetProperty("remaining").GetInt32());
        Assert.Equal("InvalidParameter.NotFound", summary.GetProperty("refused").GetString());
        Assert.Equal(3, summary.GetProperty("command").GetArrayLength());
    }

    internal static void Instant(EciEmulatorOptions o)
    {
        o.Lifecycle.Scheduling = TimeSpan.Zero;
        o.Lifecycle.Pending = TimeSpan.Zero;
    }

    internal static async Task<JsonElement> RunRoundTripAsync(Uri endpoint)
    {
        (int code, string output) = await NodeRunner.RunAsync("node", ["roundtrip.js"], new Dictionary<string, string>
        {
            ["ECI_ENDPOINT"] = endpoint.ToString(),
            ["ECI_ACCESS_KEY"] = TestEmulator.KeyId,
            ["ECI_SECRET_KEY"] = TestEmulator.Secret,
        });
        Assert.True(code == 0, $"Expected the pop-core round trip to succeed, it exited {code}: {output}");
        return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
    }
}
