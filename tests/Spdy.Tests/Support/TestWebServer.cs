using System.Net;
using System.Security.Cryptography.X509Certificates;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansEci.Spdy.Tests.Support;

/// <summary>A real Kestrel server on 127.0.0.1:0, optionally HTTPS requiring a client certificate.</summary>
internal sealed class TestWebServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestWebServer(WebApplication app, Uri baseAddress, RecordingLoggerProvider log)
    {
        this.app = app;
        BaseAddress = baseAddress;
        Log = log;
    }

    public Uri BaseAddress { get; }

    /// <summary>Warnings and errors the server logged (e.g. an endpoint that threw), for failure messages.</summary>
    public RecordingLoggerProvider Log { get; }

    public string LogText => string.Join("\n", Log.Entries);

    public static async Task<TestWebServer> StartAsync(Action<WebApplication> map, TestCertificates? tls = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var log = new RecordingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (tls is not null)
            {
                listen.UseHttps(tls.Server, https =>
                {
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => certificate.Thumbprint == tls.Client.Thumbprint;
                });
            }
        }));
        builder.Services.AddSingleton(log);
        var app = builder.Build();
        app.UseWebSockets();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestWebServer(app, new Uri(address), log);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
