using System.Net;
using System.Security.Cryptography;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.OpenApi;

/// <summary>
/// <c>/openapi/v3</c> as kubectl's client reads it: the index with hashed URLs, immutable caching when the hash is
/// current, a redirect when it is stale, 304 on a matching ETag, 406 for protobuf only, 404 for unknown documents.
/// </summary>
public sealed class OpenApiEndpointTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task Index_ListsEveryGroupVersionWithTheHashOfItsDocument()
    {
        var (status, index, _) = await _kube.SendAsync(HttpMethod.Get, "/openapi/v3");

        Assert.Equal(200, status);
        var paths = index!["paths"]!.AsObject();
        foreach (var expected in new[] { "api/v1", "apis/apps/v1", "apis/batch/v1", "apis/coordination.k8s.io/v1", "apis/events.k8s.io/v1", "apis/admissionregistration.k8s.io/v1" })
        {
            Assert.True(paths.ContainsKey(expected), $"Expected {expected} in the OpenAPI v3 index; it has {string.Join(", ", paths.Select(p => p.Key))}.");
        }

        var url = paths["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>();
        using var response = await _kube.Http.GetAsync(url.TrimStart('/'), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal($"/openapi/v3/apis/apps/v1?hash={Convert.ToHexString(SHA512.HashData(body))}", url);
        Assert.Equal("public, immutable", response.Headers.CacheControl!.ToString());
        Assert.NotNull(response.Content.Headers.Expires);
        Assert.Equal($"\"{Convert.ToHexString(SHA512.HashData(body))}\"", response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Document_StaleHash_RedirectsToTheCurrentUrl()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _kube.Server.BaseUri };

        using var response = await http.GetAsync("openapi/v3/api/v1?hash=0123", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.StartsWith("/openapi/v3/api/v1?hash=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.NotEqual("/openapi/v3/api/v1?hash=0123", response.Headers.Location.ToString());
    }

    [Fact]
    public async Task Document_MatchingETag_IsNotModified()
    {
        using var first = await _kube.Http.GetAsync("openapi/v3/apis/batch/v1", TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "openapi/v3/apis/batch/v1");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await _kube.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Null(first.Headers.CacheControl);
    }

    [Theory]
    [InlineData("application/com.github.proto-openapi.spec.v3.v1.0+protobuf", 406)]
    [InlineData("application/com.github.proto-openapi.spec.v3.v1.0+protobuf, application/json", 200)]
    [InlineData("*/*", 200)]
    public async Task Document_Accept_ServesJsonOnly(string accept, int expected)
    {
        var (status, _, _) = await _kube.SendAsync(HttpMethod.Get, "/openapi/v3/api/v1", accept: accept);

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task OpenApiV2_NotServed_IsNotFoundAsForAnyUnknownPath()
    {
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Get, "/openapi/v2", accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");

        Assert.Equal(404, status);
        Assert.Equal("NotFound", body!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Document_UnknownGroupVersion_IsNotFound()
    {
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Get, "/openapi/v3/apis/widgets.example.com/v1");

        Assert.Equal(404, status);
        Assert.Equal("NotFound", body!["reason"]!.GetValue<string>());
    }
}
