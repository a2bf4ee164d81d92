using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Orleans.Dashboard;

using OrleansEci.Grains.Hosting;
using OrleansEci.KubeletApi.Hosting;
using OrleansEci.KubeletApi.Webhook;
using OrleansEci.Silo.Dashboard;
using OrleansEci.Silo.Kubelet;

namespace OrleansEci.Silo.Hosting;

/// <summary>Builds the silo process: Orleans with the ECI runtime, the dashboard, and the HTTP endpoints around them.</summary>
internal static class SiloHost
{
    /// <summary>
    /// A web application hosting one silo with the runtime. <paramref name="configureServices"/> lets the sandbox add
    /// its Kubernetes connection; <paramref name="settings"/> are layered over appsettings and the environment.
    /// </summary>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null, Action<ILoggingBuilder>? configureLogging = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // Orleans 10's placement pipeline logs two Information lines per activation (orleans10.md §6.3).
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        configureLogging?.Invoke(builder.Logging);
        configureServices?.Invoke(builder.Services);
        builder.AddKubelet();
        builder.Services.AddRuntimeDashboard(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            // Orleans:ClusteringMode: Localhost (one silo, state in memory; the default) or Redis (a cluster).
            silo.UseConfiguredClustering(builder.Configuration);
            silo.AddEciRuntime(builder.Configuration);
            silo.AddDashboard(o => o.HideTrace = true);
        });

        var app = builder.Build();
        // /metrics always; /ui and the Orleans dashboard only when Dashboard:Enabled, loopback-only by default.
        app.MapRuntimeDashboard();
        app.MapGet("/healthz", () => Results.Text("ok"));
        // Ready once the silo runs (the host starts Orleans before serving HTTP): the deployment's readiness probe.
        app.MapGet("/readyz", () => Results.Text("ok"));
        app.MapKubeletApi();
        app.MapAdmissionWebhook();
        return app;
    }
}
