using System.Net.Http.Json;
using System.Text.Json;

using Microsoft.Extensions.Time.Testing;

using OrleansEci.Emulators.Eci.Hosting;

namespace OrleansEci.Emulators.Eci.Tests.Support;

/// <summary>An in-process emulator on 127.0.0.1:0 with a FakeTimeProvider, a signed client and control helpers.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string KeyId = "LTAI-test";
    public const string Secret = "test-secret";

    private readonly HttpClient _control;

    private TestEmulator(EciEmulatorHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
        Client = new EciTestClient(host.BaseUri, KeyId, Secret, time);
        _control = new HttpClient { BaseAddress = host.ControlUri };
    }

    public EciEmulatorHost Host { get; }
    public FakeTimeProvider Time { get; }
    public EciTestClient Client { get; }

    public static async Task<TestEmulator> StartAsync(Action<EciEmulatorOptions>? configure = null, DateTimeOffset? start = null)
    {
        EciEmulatorOptions options = new() { RandomSeed = 42 };
        options.AccessKeys.Add(new AccessKeyCredential(KeyId, Secret));
        configure?.Invoke(options);
        FakeTimeProvider time = new(start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        EciEmulatorHost host = await EciEmulatorHost.StartAsync(options, time, cancellationToken: TestContext.Current.CancellationToken);
        return new TestEmulator(host, time);
    }

    public void Advance(TimeSpan by) => Time.Advance(by);

    /// <summary>Creates a group with one container running <paramref name="script"/> under <c>sh -c</c> (none = default process).</summary>
    public async Task<string> CreateAsync(string name, string? script = null, IDictionary<string, string>? extra = null)
    {
        EciResponse r = await TryCreateAsync(name, script, extra);
        r.EnsureOk();
        return r["ContainerGroupId"].GetString()!;
    }

    public Task<EciResponse> TryCreateAsync(string name, string? script = null, IDictionary<string, string>? extra = null)
    {
        Dictionary<string, string> p = new(StringComparer.Ordinal)
        {
            ["ContainerGroupName"] = name,
            ["Container.1.Name"] = "app",
            ["Container.1.Image"] = "busybox:1.36",
        };
        if (script is not null)
        {
            p["Container.1.Command.1"] = "/bin/sh";
            p["Container.1.Command.2"] = "-c";
            p["Container.1.Command.3"] = script;
        }

        foreach (KeyValuePair<string, string> kv in extra ?? new Dictionary<string, string>())
        {
            p[kv.Key] = kv.Value;
        }

        return Client.CallAsync("CreateContainerGroup", p);
    }

    public async Task<JsonElement> DescribeAsync(string id)
    {
        EciResponse r = (await Client.CallAsync("DescribeContainerGroups", new Dictionary<string, string> { ["ContainerGroupIds"] = $"[\"{id}\"]" })).EnsureOk();
        JsonElement groups = r["ContainerGroups"];
        Assert.True(groups.GetArrayLength() == 1, $"Expected group {id} to be listed, got {r.Body}");
        return groups[0];
    }

    public async Task<string> StatusAsync(string id) => (await DescribeAsync(id)).GetProperty("Status").GetString()!;

    public async Task<JsonElement> ControlAsync(HttpMethod method, string path, object? body = null)
    {
        using HttpRequestMessage request = new(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using HttpResponseMessage response = await _control.SendAsync(request, TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"Control {method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _control.Dispose();
        await Host.DisposeAsync();
    }
}
