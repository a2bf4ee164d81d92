using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OrleansEci.Kube.Bench;

/// <summary>The requests a kubelet-like client sends, over one pooled HTTP/1.1 connection set to the server.</summary>
public sealed class KubeHttp : IDisposable
{
    public const string Namespace = "bench";

    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json");
    private static readonly MediaTypeHeaderValue StrategicMerge = MediaTypeHeaderValue.Parse("application/strategic-merge-patch+json");
    private readonly HttpClient _http;

    public KubeHttp(Uri server, int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
        _http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static string PodName(int i) => "pod-" + i.ToString("D5", CultureInfo.InvariantCulture);

    public async Task CreateNamespaceAsync(CancellationToken ct)
    {
        using var content = new StringContent($$$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{{Namespace}}}}"}}""", Encoding.UTF8);
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync("api/v1/namespaces", content, ct).ConfigureAwait(false);
        await EnsureAsync(response, "create namespace").ConfigureAwait(false);
    }

    /// <summary>Creates a small bound pod (one container, on a node that has no Node object, so no controller acts on it); returns its uid.</summary>
    public async Task<string> CreatePodAsync(int i, CancellationToken ct)
    {
        var body = $$$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{{PodName(i)}}}}","labels":{"app":"bench","shard":"{{{{i % 16}}}}"}},"spec":{"nodeName":"bench-node","containers":[{"name":"app","image":"nginx:1.27","resources":{"requests":{"cpu":"10m","memory":"16Mi"}}}]}}""";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync($"api/v1/namespaces/{Namespace}/pods", content, ct).ConfigureAwait(false);
        var text = await EnsureAsync(response, "create " + PodName(i)).ConfigureAwait(false);
        return Field(text, "\"uid\":\"");
    }

    /// <summary>
    /// A kubelet-style strategic-merge status PATCH (uid precondition, <c>$setElementOrder</c>, one condition) that changes the
    /// Ready condition's message, so every PATCH is a real write with a watch event. Returns the new resourceVersion.
    /// </summary>
    public async Task<long> PatchStatusAsync(int i, string uid, long sequence, CancellationToken ct)
    {
        var body = $$$$"""{"metadata":{"uid":"{{{{uid}}}}"},"status":{"$setElementOrder/conditions":[{"type":"Ready"}],"conditions":[{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-26T06:50:00Z","message":"beat {{{{sequence}}}}"}],"phase":"Running","podIP":"10.1.{{{{i / 250}}}}.{{{{i % 250}}}}"}}""";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = StrategicMerge;
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"api/v1/namespaces/{Namespace}/pods/{PodName(i)}/status") { Content = content };
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        var text = await EnsureAsync(response, "patch " + PodName(i)).ConfigureAwait(false);
        return long.Parse(Field(text, "\"resourceVersion\":\""), CultureInfo.InvariantCulture);
    }

    public async Task<long> ListResourceVersionAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync($"api/v1/namespaces/{Namespace}/pods?limit=1", ct).ConfigureAwait(false);
        var text = await EnsureAsync(response, "list pods").ConfigureAwait(false);
        return long.Parse(Field(text, "\"resourceVersion\":\""), CultureInfo.InvariantCulture);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The first string value after <paramref name="marker"/>: in a pod, the first uid and resourceVersion are the object's own.</summary>
    internal static string Field(string json, string marker)
    {
        var start = json.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"expected {marker} in the answer, got: {json[..Math.Min(json.Length, 300)]}");
        }

        start += marker.Length;
        return json[start..json.IndexOf('"', start)];
    }

    private static async Task<string> EnsureAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{what}: expected success, got {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        }

        return text;
    }

    internal static long Now() => Stopwatch.GetTimestamp();
}
