using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansEci.KubeletApi.Admission;
using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Tests.Support;

/// <summary>The webhook on a real Kestrel at 127.0.0.1:0, as the silo maps it.</summary>
public sealed class WebhookServer : IAsyncLifetime
{
    private WebApplication? _app;

    public StaticNamespaces Namespaces { get; } = new(new()
    {
        [PodFixtures.Namespace] = new(),
        ["eci-jobs"] = PodFixtures.Labels("alibabacloud.com/eci=true"),
    });

    public EciProfileTracker Profiles { get; } = new();

    public HttpClient Client { get; } = new();

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public async ValueTask InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapAdmissionWebhook(Namespaces, Profiles);
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Address = new Uri(new Uri(address), AdmissionWebhookEndpointExtensions.Path);
        Client.BaseAddress = Address;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
