using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Services;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Hosting;

/// <summary>
/// The local Kubernetes API server as an in-process host: start it on 127.0.0.1 (port 0 picks one), over HTTPS with a
/// generated CA or plain HTTP, talk to <see cref="BaseUri"/>, reach the store directly, dispose to stop.
/// </summary>
public sealed class KubeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KubeApiServer(WebApplication app, Uri baseUri, KubeApiServerOptions options, CertificateAuthority ca)
    {
        _app = app;
        BaseUri = baseUri;
        Options = options;
        CertificateAuthority = ca;
    }

    /// <summary>e.g. <c>https://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    public KubeApiServerOptions Options { get; }

    public CertificateAuthority CertificateAuthority { get; }

    public IServiceProvider Services => _app.Services;

    public ObjectStore Store => Services.GetRequiredService<ObjectStore>();

    public ResourceService Resources => Services.GetRequiredService<ResourceService>();

    public ResourceRegistry Registry => Services.GetRequiredService<ResourceRegistry>();

    /// <summary>
    /// Builds and starts a server. <paramref name="configureServices"/> adds features (resource types, admission
    /// plugins, renderers, controllers); <paramref name="timeProvider"/> replaces the clock (tests pass a FakeTimeProvider).
    /// </summary>
    public static async Task<KubeApiServer> StartAsync(KubeApiServerOptions options, Action<IServiceCollection>? configureServices = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var time = timeProvider ?? TimeProvider.System;
        var ca = new CertificateAuthority(time);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(time);
        builder.Services.AddKubeApiServer(options, ca);
        configureServices?.Invoke(builder.Services);
        ConfigureKestrel(builder, options, ca);

        var app = builder.Build();
        app.MapKubeApi();
        foreach (var initializer in app.Services.GetServices<IStoreInitializer>())
        {
            await initializer.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        await ClusterBootstrap.RunAsync(app.Services.GetRequiredService<ResourceService>(), app.Services.GetRequiredService<ClusterIpAllocator>(),
            cancellationToken).ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var scheme = options.Https ? "https" : "http";
        return new KubeApiServer(app, new Uri($"{scheme}://{options.BindAddress}:{port}/"), options, ca);
    }

    /// <summary>A kubeconfig for this server (CA data when HTTPS, the token when one is required).</summary>
    public string Kubeconfig() => Hosting.Kubeconfig.Render(BaseUri, Options.Https ? CertificateAuthority.CertificatePem : null, Options.Token);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        CertificateAuthority.Dispose();
    }

    internal static void ConfigureKestrel(WebApplicationBuilder builder, KubeApiServerOptions options, CertificateAuthority ca)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(options.BindAddress), options.Port, listen =>
            {
                if (options.Https)
                {
                    listen.UseHttps(ca.IssueServingCertificate());
                }
            });
        });
    }
}
