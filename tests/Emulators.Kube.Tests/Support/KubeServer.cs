using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

using k8s;

using OrleansEci.Emulators.Kube.Hosting;

namespace OrleansEci.Emulators.Kube.Tests.Support;

/// <summary>A local API server on 127.0.0.1:0 (plain HTTP unless configured) with a KubernetesClient and a raw HttpClient.</summary>
public sealed class KubeServer : IAsyncDisposable
{
    private int _namespaces;

    private KubeServer(KubeApiServer server)
    {
        Server = server;
        var config = new KubernetesClientConfiguration { Host = server.BaseUri.ToString().TrimEnd('/') };
        Client = new Kubernetes(config);
        Http = new HttpClient { BaseAddress = server.BaseUri };
    }

    public KubeApiServer Server { get; }

    public Kubernetes Client { get; }

    public HttpClient Http { get; }

    public static async Task<KubeServer> StartAsync(Action<KubeApiServerOptions>? configure = null, TimeProvider? time = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var options = new KubeApiServerOptions { Https = false };
        configure?.Invoke(options);
        return new KubeServer(await KubeApiServer.StartAsync(options, services, time, TestContext.Current.CancellationToken));
    }

    /// <summary>Creates a fresh namespace so tests sharing a server do not see each other's objects.</summary>
    public async Task<string> NewNamespaceAsync(string prefix = "t")
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _namespaces)}-{Guid.NewGuid().ToString("N")[..6]}";
        await Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new() { Name = name } },
            cancellationToken: TestContext.Current.CancellationToken);
        return name;
    }

    public async Task<(int Status, JsonObject? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? body = null,
        string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        JsonObject? json = null;
        try
        {
            json = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: the caller asserts on the status.
        }

        return ((int)response.StatusCode, json, response);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
