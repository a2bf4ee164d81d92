using OrleansEci.Spdy.Sessions;

namespace OrleansEci.Spdy.Tests.Support;

/// <summary>A client and a server <see cref="SpdySession"/> joined by a loopback TCP connection.</summary>
internal sealed class SessionPair : IAsyncDisposable
{
    private SessionPair(SpdySession client, SpdySession server)
    {
        Client = client;
        Server = server;
    }

    public SpdySession Client { get; }

    public SpdySession Server { get; }

    public static async Task<SessionPair> StartAsync(
        SpdySessionOptions? clientOptions = null, SpdySessionOptions? serverOptions = null, TimeProvider? timeProvider = null)
    {
        var (client, server) = await Loopback.ConnectAsync(TestContext.Current.CancellationToken);
        return new SessionPair(
            SpdySession.StartClient(client, clientOptions, timeProvider: timeProvider),
            SpdySession.StartServer(server, serverOptions, timeProvider: timeProvider));
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
