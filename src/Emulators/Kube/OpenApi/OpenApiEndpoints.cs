using System.Globalization;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Negotiation;

namespace OrleansEci.Emulators.Kube.OpenApi;

/// <summary>
/// Serves <c>/openapi/v3</c> and <c>/openapi/v3/{group-version}</c> as k8s.io/kube-openapi/pkg/handler3 does
/// (https://github.com/kubernetes/kube-openapi/blob/master/pkg/handler3/handler.go): quoted ETags and
/// <c>If-None-Match</c>; with <c>?hash=</c>, a stale hash redirects (301) to the current URL and a current one is
/// cacheable for a year (<c>Cache-Control: public, immutable</c>). Only JSON is served: a client that accepts nothing
/// but protobuf gets 406, as kube-openapi answers an Accept it cannot meet.
/// </summary>
public static class OpenApiEndpoints
{
    public static IEndpointRouteBuilder MapKubeOpenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/openapi/v3", IndexAsync);
        endpoints.MapGet("/openapi/v3/{**path}", GroupVersionAsync);
        return endpoints;
    }

    private static Task IndexAsync(HttpContext http)
    {
        var documents = http.RequestServices.GetRequiredService<OpenApiDocuments>();
        return WriteAsync(http, documents.Index, documents.IndexHash);
    }

    private static Task GroupVersionAsync(HttpContext http, string path)
    {
        var document = http.RequestServices.GetRequiredService<OpenApiDocuments>().Find(path);
        if (document is null)
        {
            return JsonResponses.WriteErrorAsync(http, ApiErrors.NoSuchResource());
        }

        http.Response.Headers.Vary = "Accept";
        if (!AcceptsJson(http.Request.Headers.Accept.ToString()))
        {
            http.Response.StatusCode = StatusCodes.Status406NotAcceptable;
            return Task.CompletedTask;
        }

        if (http.Request.Query["hash"].ToString() is { Length: > 0 } hash)
        {
            if (hash != document.Hash)
            {
                http.Response.Headers.ETag = Quoted(document.Hash);
                http.Response.Redirect(document.ServerRelativeUrl, permanent: true);
                return Task.CompletedTask;
            }

            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            http.Response.Headers.CacheControl = "public, immutable";
            http.Response.Headers.Expires = now.AddYears(1).ToString("r", CultureInfo.InvariantCulture);
        }

        return WriteAsync(http, document.Json, document.Hash);
    }

    private static bool AcceptsJson(string accept) =>
        MediaRange.ParseAccept(accept).Any(r => r.Quality > 0 && r.MediaType is "application/json" or "application/*" or "*/*");

    private static async Task WriteAsync(HttpContext http, byte[] json, string hash)
    {
        var etag = Quoted(hash);
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Contains(etag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = JsonResponses.ContentType;
        http.Response.ContentLength = json.Length;
        await http.Response.Body.WriteAsync(json, http.RequestAborted).ConfigureAwait(false);
    }

    private static string Quoted(string hash) => $"\"{hash}\"";
}
