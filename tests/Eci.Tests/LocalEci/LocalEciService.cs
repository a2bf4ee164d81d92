using Microsoft.Extensions.Time.Testing;

using OrleansEci.Eci.Configuration;
using OrleansEci.Emulators.Eci.Hosting;

namespace OrleansEci.Eci.Tests.LocalEci;

/// <summary>
/// The local ECI service on 127.0.0.1:0, in-process, on a <see cref="FakeTimeProvider"/>, with its control API
/// and real <see cref="EciClient"/>s pointed at it. Disposing stops the service and the clients' HTTP stacks.
/// </summary>
internal sealed class LocalEciService : IAsyncDisposable
{
    public const string AccessKeyId = "LTAI-integration";
    public const string AccessKeySecret = "integration-secret-Zq9+/x=";

    private readonly List<HttpClient> _httpClients = [];

    private LocalEciService(EciEmulatorHost host, FakeTimeProvider clock)
    {
        Host = host;
        Clock = clock;
        Control = new EmulatorControl(host.ControlUri);
    }

    /// <summary>The running service.</summary>
    public EciEmulatorHost Host { get; }

    /// <summary>The clock the service's lifecycle, timestamps and rate limits run on.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Its control API.</summary>
    public EmulatorControl Control { get; }

    /// <summary>The region the service emulates.</summary>
    public string RegionId => Host.Region.RegionId;

    /// <summary>Starts a service with a fixed random seed and the integration access key.</summary>
    public static async Task<LocalEciService> StartAsync(Action<EciEmulatorOptions>? configure, CancellationToken cancellationToken)
    {
        EciEmulatorOptions options = new() { RandomSeed = 20250601 };
        options.AccessKeys.Add(new AccessKeyCredential(AccessKeyId, AccessKeySecret));
        configure?.Invoke(options);
        FakeTimeProvider clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        EciEmulatorHost host = await EciEmulatorHost.StartAsync(options, clock, cancellationToken: cancellationToken);
        return new LocalEciService(host, clock);
    }

    /// <summary>
    /// A client of this service. <paramref name="clientClock"/> defaults to the service's clock (the client's
    /// signature timestamps must be within 15 minutes of it); <paramref name="handler"/> lets a test watch the wire.
    /// </summary>
    public EciClient CreateClient(TimeProvider? clientClock = null, HttpMessageHandler? handler = null, Action<EciClientOptions>? configure = null)
    {
        EciClientOptions options = new()
        {
            Endpoint = Host.BaseUri,
            RegionId = RegionId,
            AccessKeyId = AccessKeyId,
            AccessKeySecret = AccessKeySecret,
        };
        configure?.Invoke(options);

        // HttpClient's own 100 s timeout runs on the real clock; the client's AttemptTimeout (fake clock) decides.
        HttpClient http = new(handler ?? new SocketsHttpHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _httpClients.Add(http);
        return new EciClient(http, options, clientClock ?? Clock);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (HttpClient http in _httpClients)
        {
            http.Dispose();
        }

        Control.Dispose();
        await Host.DisposeAsync();
    }
}
