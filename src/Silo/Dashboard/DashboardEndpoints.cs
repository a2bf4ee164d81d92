using System.Reflection;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Orleans.Dashboard;

using OrleansEci.KubeletApi.Metrics;

namespace OrleansEci.Silo.Dashboard;

/// <summary>
/// Maps <c>/metrics</c> (always: Prometheus text for the operator's Prometheus on the silo's HTTP port) and, when
/// <c>Dashboard:Enabled</c>, <c>/ui</c> (embedded static pages), <c>/ui/api/*</c> (read-only JSON) and the Orleans
/// dashboard at <c>/dashboard</c>, both behind <see cref="LoopbackOnlyFilter"/>.
/// </summary>
internal static class DashboardEndpoints
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    public static WebApplication MapRuntimeDashboard(this WebApplication app)
    {
        // Listening starts with the host, not with the first scrape (a measurement before it would be lost).
        _ = app.Services.GetRequiredService<IRuntimeMetricsWriter>();
        app.MapGet("/metrics", static (IRuntimeMetricsWriter writer, CancellationToken ct) =>
            Results.Stream(output => writer.WriteAsync(output, ct), writer.ContentType));

        DashboardUiOptions options = app.Services.GetRequiredService<IOptions<DashboardUiOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        // The recent-activity window listens from now on (not from the first page view).
        _ = app.Services.GetRequiredService<RecentActivity>();
        var loopback = new LoopbackOnlyFilter(options.AllowRemote);
        // The Orleans dashboard has no authentication of its own (orleans10.md §3).
        app.MapOrleansDashboard(routePrefix: "/dashboard").AddEndpointFilter(loopback);
        RouteGroupBuilder ui = app.MapGroup("/ui");
        ui.AddEndpointFilter(loopback);
        ui.MapGet("/", static () => Asset("index.html")); // routing matches "/ui" and "/ui/" alike; the page links absolutely
        ui.MapGet("/{file}", static (string file) => Asset(file));
        RouteGroupBuilder api = ui.MapGroup("/api");
        api.MapGet("/overview", DashboardApi.OverviewAsync);
        api.MapGet("/pods", DashboardApi.PodsAsync);
        api.MapGet("/pods/{ns}/{name}", DashboardApi.PodAsync);
        api.MapGet("/zones", DashboardApi.ZonesAsync);
        return app;
    }

    /// <summary>One of the embedded pages (src/Silo/Dashboard/wwwroot), or 404.</summary>
    private static IResult Asset(string file)
    {
        string extension = Path.GetExtension(file);
        Stream? stream = ContentTypes.TryGetValue(extension, out string? type)
            ? Assembly.GetExecutingAssembly().GetManifestResourceStream("dashboard/" + file)
            : null;
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }
}
