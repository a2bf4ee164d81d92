using Microsoft.Extensions.Logging;

using OrleansEci.Eci.Configuration;

namespace OrleansEci.Eci.Tests.Support;

/// <summary>A test class with its own scripted server, fake clock and HttpClient.</summary>
public abstract class ScriptedServerTest : IAsyncLifetime
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected TestClock Clock { get; } = new();

    protected HttpClient Http { get; } = new();

    protected ScriptedEciServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await ScriptedEciServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A client for this test's server, with test credentials, fake time and fixed randomness.</summary>
    protected EciClient Client(Action<EciClientOptions>? tweak = null, ILogger<EciClient>? logger = null) =>
        ClientFactory.Create(Server, Clock, Http, tweak, logger);
}
