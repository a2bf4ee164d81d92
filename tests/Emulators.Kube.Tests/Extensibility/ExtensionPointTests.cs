using System.Text.Json.Nodes;

using k8s.Autorest;
using k8s.Models;

using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Admission;
using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Negotiation;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Storage;
using OrleansEci.Emulators.Kube.Tests.Support;

using WatchEventType = OrleansEci.Emulators.Kube.Storage.WatchEventType;

namespace OrleansEci.Emulators.Kube.Tests.Extensibility;

/// <summary>The seams other features plug into: admission plugins, response renderers, in-process watches and writes.</summary>
public sealed class ExtensionPointTests
{
    [Fact(Timeout = 30_000)]
    public async Task AdmissionPlugin_Mutate_ChangesTheStoredPodAndDeny_ReturnsItsStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kube = await KubeServer.StartAsync(configure: null, time: null, services: s => s.AddSingleton<IAdmissionPlugin, LabelingPlugin>());
        var pod = await kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("ok"), "default", cancellationToken: ct);
        Assert.Equal("yes", pod.Metadata.Labels["admitted"]);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("forbidden"), "default", cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.Response.StatusCode);
        Assert.Contains("denied by the test plugin", error.Response.Content);
    }

    [Fact]
    public async Task ResponseRenderer_ForItsMediaRange_IsChosenOverPlainJson()
    {
        // A media range no built-in renderer serves (the built-in Table renderer answers as=Table;g=meta.k8s.io).
        await using var kube = await KubeServer.StartAsync(configure: null, time: null, services: s => s.AddSingleton<IResponseRenderer, CountingTableRenderer>());
        var (status, body, response) = await kube.SendAsync(HttpMethod.Get, "/api/v1/namespaces",
            accept: "application/json;as=Count;v=v1;g=test.example.com,application/json");
        Assert.Equal(200, status);
        Assert.Equal("Count", body!["kind"]!.GetValue<string>());
        Assert.Equal(4, body["rows"]!.GetValue<int>());
        var (_, plain, _) = await kube.SendAsync(HttpMethod.Get, "/api/v1/namespaces", accept: "application/json");
        Assert.Equal("NamespaceList", plain!["kind"]!.GetValue<string>());
        _ = response;
    }

    [Fact(Timeout = 30_000)]
    public async Task ResourceService_InProcessWatch_SeesHttpWritesAndCanWriteBack()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kube = await KubeServer.StartAsync(o => o.Controllers.DisableAll());
        var service = kube.Server.Resources;
        var pods = service.Registry.Get("", "pods");
        using var watch = service.Watch(pods, "default", service.Store.CurrentResourceVersion, ListOptions.Everything);

        await kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("p"), "default", cancellationToken: ct);
        var added = await watch.Reader.ReadAsync(ct);
        Assert.Equal(WatchEventType.Added, added.Type);

        // A controller writes through the same semantics as HTTP clients.
        await service.UpdateWithAsync(pods, "default", "p", obj =>
        {
            obj["status"]!["phase"] = "Running";
            return obj;
        }, WriteOptions.Default, "status", ct);
        var modified = await watch.Reader.ReadAsync(ct);
        Assert.Equal("Running", modified.Object.ToJson()["status"]!["phase"]!.GetValue<string>());
    }

    private sealed class LabelingPlugin : IAdmissionPlugin
    {
        public ValueTask<AdmissionDecision> AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken)
        {
            if (request.Type.Plural != "pods" || request.Operation != AdmissionOperation.Create)
            {
                return ValueTask.FromResult(AdmissionDecision.Allow());
            }

            if (request.Name == "forbidden")
            {
                return ValueTask.FromResult(AdmissionDecision.Deny(ApiErrors.Forbidden(request.Type.GroupResource, request.Name, "denied by the test plugin")));
            }

            var changed = (JsonObject)request.Object.DeepClone();
            Meta.SetLabel(changed, "admitted", "yes");
            return ValueTask.FromResult(AdmissionDecision.Mutate(changed));
        }
    }

    /// <summary>A stand-in for the Table renderer: answers a Table whose "rows" is the item count.</summary>
    private sealed class CountingTableRenderer : IResponseRenderer
    {
        public string ContentType => "application/json";

        public bool CanRender(MediaRange range, ApiContext context) => range.As == "Count" && range.Group == "test.example.com";

        public Task WriteObjectAsync(ApiContext context, int statusCode, StoredObject obj) =>
            context.WriteJsonAsync(statusCode, new JsonObject { ["kind"] = "Count", ["rows"] = 1 });

        public Task WriteListAsync(ApiContext context, ListResult list) =>
            context.WriteJsonAsync(200, new JsonObject { ["kind"] = "Count", ["rows"] = list.Items.Count });

        public byte[] RenderWatchEvent(ApiContext context, WatchEventType type, StoredObject obj) => WatchEvent.BuildLine(type, obj.Json);
    }
}
