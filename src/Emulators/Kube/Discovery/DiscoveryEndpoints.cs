using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Negotiation;

namespace OrleansEci.Emulators.Kube.Discovery;

/// <summary>
/// Maps <c>/version</c>, <c>/api</c>, <c>/apis</c>, <c>/api/v1</c>, <c>/apis/{group}</c>, <c>/apis/{group}/{version}</c> and the
/// health endpoints. <c>/api</c> and <c>/apis</c> answer aggregated discovery with the exact Content-Type kubectl checks
/// when the Accept header asks for it, legacy documents otherwise.
/// </summary>
public static class DiscoveryEndpoints
{
    public const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    private const string AggregatedBetaContentType = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

    public static IEndpointRouteBuilder MapKubeDiscovery(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/version", (HttpContext http) => JsonResponses.WriteNodeAsync(http, 200, DiscoveryDocuments.Version()));
        endpoints.MapGet("/api", (HttpContext http) => RootAsync(http, core: true));
        endpoints.MapGet("/apis", (HttpContext http) => RootAsync(http, core: false));
        endpoints.MapGet("/api/{version}", (HttpContext http, string version) => ResourceListAsync(http, "", version));
        endpoints.MapGet("/apis/{group}", (HttpContext http, string group) =>
            WriteOrNotFound(http, http.RequestServices.GetRequiredService<DiscoveryDocuments>().Group(group)));
        endpoints.MapGet("/apis/{group}/{version}", (HttpContext http, string group, string version) => ResourceListAsync(http, group, version));
        foreach (var path in new[] { "/healthz", "/livez", "/readyz" })
        {
            endpoints.MapGet(path, () => Results.Text("ok", "text/plain; charset=utf-8"));
        }

        return endpoints;
    }

    private static async Task RootAsync(HttpContext http, bool core)
    {
        var documents = http.RequestServices.GetRequiredService<DiscoveryDocuments>();
        foreach (var range in MediaRange.ParseAccept(http.Request.Headers.Accept.ToString()))
        {
            if (range.As == "APIGroupDiscoveryList" && range.Group == "apidiscovery.k8s.io" && range.Version is "v2" or "v2beta1")
            {
                var beta = range.Version == "v2beta1";
                var body = Serialization.KubeJson.ToBytes(documents.Aggregated(core, beta ? "apidiscovery.k8s.io/v2beta1" : "apidiscovery.k8s.io/v2"));
                http.Response.StatusCode = 200;
                http.Response.ContentType = beta ? AggregatedBetaContentType : AggregatedContentType;
                await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (range.IsPlainJson)
            {
                break;
            }
        }

        var address = $"{http.Request.Host.Host}:{http.Request.Host.Port ?? http.Connection.LocalPort}";
        await JsonResponses.WriteNodeAsync(http, 200, core ? DiscoveryDocuments.ApiVersions(address) : documents.GroupList()).ConfigureAwait(false);
    }

    private static Task ResourceListAsync(HttpContext http, string group, string version) =>
        WriteOrNotFound(http, http.RequestServices.GetRequiredService<DiscoveryDocuments>().ResourceList(group, version));

    private static Task WriteOrNotFound(HttpContext http, System.Text.Json.Nodes.JsonObject? document) =>
        document is null ? JsonResponses.WriteErrorAsync(http, ApiErrors.NoSuchResource()) : JsonResponses.WriteNodeAsync(http, 200, document);
}
