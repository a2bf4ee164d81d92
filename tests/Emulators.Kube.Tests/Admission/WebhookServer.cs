using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Hosting;

namespace OrleansEci.Emulators.Kube.Tests.Admission;

/// <summary>
/// A real HTTPS admission webhook on 127.0.0.1:0 with its own CA (a certificate for 127.0.0.1 and for
/// <c>hook.{namespace}.svc</c>). Each path answers with the behaviour a test sets; every review received is kept.
/// </summary>
public sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CertificateAuthority _ca;
    private readonly ConcurrentDictionary<string, Func<JsonObject, Task<JsonObject>>> _behaviours = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Path, JsonObject Review)> _received = new();

    private WebhookServer(WebApplication app, CertificateAuthority ca)
    {
        _app = app;
        _ca = ca;
    }

    public int Port { get; private set; }

    /// <summary>The CA bundle for <c>clientConfig.caBundle</c> (base64 of the PEM).</summary>
    public string CaBundle => Convert.ToBase64String(Encoding.ASCII.GetBytes(_ca.CertificatePem));

    public static async Task<WebhookServer> StartAsync(params string[] serviceNames)
    {
        var ca = new CertificateAuthority(TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = ca.IssueServingCertificate(serviceNames);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var server = new WebhookServer(app, ca);
        app.MapPost("/{**path}", server.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        server.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return server;
    }

    public string Url(string path) => $"https://127.0.0.1:{Port}/{path}";

    /// <summary>Sets what <paramref name="path"/> answers: the <c>response</c> (uid is filled in).</summary>
    public void On(string path, Func<JsonObject, Task<JsonObject>> respond) => _behaviours[path] = respond;

    public void On(string path, Func<JsonObject, JsonObject> respond) => On(path, review => Task.FromResult(respond(review)));

    public IReadOnlyList<JsonObject> Received(string path) => [.. _received.Where(r => r.Path == path).Select(r => r.Review)];

    /// <summary>An allowing response with a JSONPatch.</summary>
    public static JsonObject Patch(params JsonObject[] operations) => new()
    {
        ["allowed"] = true,
        ["patchType"] = "JSONPatch",
        ["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonArray([.. operations]).ToJsonString())),
    };

    public static JsonObject Allow() => new() { ["allowed"] = true };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _ca.Dispose();
    }

    private async Task HandleAsync(HttpContext context, string path)
    {
        var review = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
        _received.Enqueue((path, review));
        var behaviour = _behaviours.GetValueOrDefault(path) ?? (_ => Task.FromResult(Allow()));
        var response = await behaviour(review);
        response["uid"] = review["request"]!["uid"]!.GetValue<string>();
        var answer = new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }
}
