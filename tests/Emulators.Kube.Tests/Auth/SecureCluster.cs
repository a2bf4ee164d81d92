using System.Text;

using Microsoft.Extensions.Time.Testing;

using OrleansEci.Emulators.Kube.Hosting;

namespace OrleansEci.Emulators.Kube.Tests.Auth;

/// <summary>An HTTPS API server that requires a bearer token (as the standalone server), on a fake clock, with an admin client from its kubeconfig.</summary>
public sealed class SecureCluster : IAsyncDisposable
{
    private SecureCluster(KubeApiServer server, Kubernetes admin, KubernetesClientConfiguration config, FakeTimeProvider time)
    {
        Server = server;
        Admin = admin;
        Config = config;
        Time = time;
    }

    public KubeApiServer Server { get; }

    public Kubernetes Admin { get; }

    public KubernetesClientConfiguration Config { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<SecureCluster> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero));
        var options = new KubeApiServerOptions { Https = true, Token = "admin-token-0123456789abcdef" };
        options.Metrics.Enabled = false;
        var server = await KubeApiServer.StartAsync(options, timeProvider: time, cancellationToken: TestContext.Current.CancellationToken);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(server.Kubeconfig()));
        var config = await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(stream);
        return new SecureCluster(server, new Kubernetes(config), config, time);
    }

    /// <summary>A client that presents <paramref name="token"/> instead of the admin token.</summary>
    public Kubernetes ClientWith(string token) => new(new KubernetesClientConfiguration
    {
        Host = Config.Host,
        SslCaCerts = Config.SslCaCerts,
        AccessToken = token,
    });

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
    }
}
