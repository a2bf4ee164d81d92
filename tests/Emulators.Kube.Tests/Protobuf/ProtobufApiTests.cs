using System.Net.Http.Headers;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Protobuf;

/// <summary>Protobuf request bodies over HTTP: stored as the JSON a JSON client would have sent; bad bodies get a 400 Status.</summary>
public sealed class ProtobufApiTests(SharedKubeServer shared)
{
    private const string Protobuf = "application/vnd.kubernetes.protobuf";
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task Post_RecordedKubectlConfigMap_StoresTextAndBinaryData()
    {
        var ns = await _kube.NewNamespaceAsync("pb");

        var (status, body) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", RecordedBodies.Read("kubectl-1.32-create-configmap.pb"));

        Assert.True(status == 201, $"expected 201 Created for kubectl's protobuf ConfigMap, got {status}: {body}");
        var stored = await _kube.Client.CoreV1.ReadNamespacedConfigMapAsync("cm1", ns, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "b", ["empty"] = "" }, stored.Data);
        Assert.Equal([(byte)'b', (byte)'i', (byte)'n', 0, 255, 1], stored.BinaryData["bin"]);
    }

    [Fact]
    public async Task Post_RecordedKubectlDeploymentWithZeroReplicas_IsDefaultedAndKeepsZero()
    {
        var ns = await _kube.NewNamespaceAsync("pb");

        var (status, body) = await SendAsync(HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/deployments?fieldManager=kubectl-create&fieldValidation=Strict",
            RecordedBodies.Read("kubectl-1.32-create-deployment.pb"));

        Assert.True(status == 201, $"expected 201 Created, got {status}: {body}");
        Assert.Equal(0, body!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("Always", body["spec"]!["template"]!["spec"]!["restartPolicy"]!.GetValue<string>());
        Assert.Equal(8080, body["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"]!.GetValue<int>());
    }

    [Fact]
    public async Task Put_ProtobufPodStatus_UpdatesStatus()
    {
        var ns = await _kube.NewNamespaceAsync("pb");
        var pod = await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("web", node: "vk-1"), ns, cancellationToken: TestContext.Current.CancellationToken);
        var meta = new ProtoWriter().Text(1, "web").Text(3, ns).Text(6, pod.Metadata.ResourceVersion);
        var spec = new ProtoWriter().Message(2, new ProtoWriter().Text(1, "app").Text(2, "nginx:1.27")).Text(10, "vk-1");
        var statusMessage = new ProtoWriter().Text(1, "Running").Text(6, "10.0.0.7")
            .Message(8, new ProtoWriter().Text(1, "app").Varint(4, 1).Varint(5, 0).Text(6, "nginx:1.27").Text(7, ""));
        var raw = new ProtoWriter().Message(1, meta).Message(2, spec).Message(3, statusMessage);

        var (status, body) = await SendAsync(HttpMethod.Put, $"/api/v1/namespaces/{ns}/pods/web/status", ProtoWriter.Envelope("v1", "Pod", raw));

        Assert.True(status == 200, $"expected 200 for a kubelet-style protobuf status update, got {status}: {body}");
        Assert.Equal("Running", body!["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("""{"name":"app","ready":true,"restartCount":0,"image":"nginx:1.27","imageID":""}""",
            body["status"]!["containerStatuses"]![0]!.ToJsonString());
    }

    [Fact]
    public async Task PostThenPut_ProtobufLeaseHeartbeat_StoresMicroTimes()
    {
        var ns = await _kube.NewNamespaceAsync("pb");
        var acquired = new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero).AddTicks(5_000_000);
        var create = Lease(ns, null, acquired, acquired);

        var (status, body) = await SendAsync(HttpMethod.Post, $"/apis/coordination.k8s.io/v1/namespaces/{ns}/leases", create);
        Assert.True(status == 201, $"expected 201 for a kubelet-style protobuf Lease, got {status}: {body}");
        var renew = Lease(ns, body!["metadata"]!["resourceVersion"]!.GetValue<string>(), acquired, acquired.AddSeconds(10));
        (status, body) = await SendAsync(HttpMethod.Put, $"/apis/coordination.k8s.io/v1/namespaces/{ns}/leases/vk-node", renew);

        Assert.True(status == 200, $"expected 200 for the renewal, got {status}: {body}");
        Assert.Equal("""{"holderIdentity":"vk-node","leaseDurationSeconds":40,"acquireTime":"2026-11-26T06:00:00.500000Z","renewTime":"2026-11-26T06:00:10.500000Z"}""",
            body!["spec"]!.ToJsonString());
    }

    [Fact]
    public async Task Post_ProtobufEventFromARecorder_IsStored()
    {
        var ns = await _kube.NewNamespaceAsync("pb");
        var at = new DateTimeOffset(2026, 11, 26, 6, 50, 0, TimeSpan.Zero);
        var raw = new ProtoWriter()
            .Message(1, new ProtoWriter().Text(1, "web.1").Text(3, ns))
            .Message(2, new ProtoWriter().Text(1, "Pod").Text(2, ns).Text(3, "web").Text(5, "v1"))
            .Text(3, "Pulled").Text(4, "Container image \"nginx\" already present")
            .Message(5, new ProtoWriter().Text(1, "kubelet").Text(2, "vk-node"))
            .Message(6, ProtoWriter.Timestamp(at)).Message(7, ProtoWriter.Timestamp(at)).Varint(8, 1).Text(9, "Normal")
            .Message(10, new ProtoWriter()).Text(14, "kubelet").Text(15, "vk-node");

        var (status, body) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/events", ProtoWriter.Envelope("v1", "Event", raw));

        Assert.True(status == 201, $"expected 201 for a protobuf core/v1 Event, got {status}: {body}");
        Assert.Equal("2026-11-26T06:50:00Z", body!["lastTimestamp"]!.GetValue<string>());
        Assert.Equal("web", body["involvedObject"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_ProtobufDeleteOptionsWithStaleUid_Answers409()
    {
        var ns = await _kube.NewNamespaceAsync("pb");
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("web"), ns, cancellationToken: TestContext.Current.CancellationToken);
        var options = new ProtoWriter().Varint(1, 0).Message(2, new ProtoWriter().Text(1, "not-the-uid"));

        var (status, body) = await SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/pods/web", ProtoWriter.Envelope("v1", "DeleteOptions", options));

        Assert.True(status == 409, $"expected 409 for a UID precondition that does not match, got {status}: {body}");
        Assert.Equal("Conflict", body!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_MalformedProtobuf_Answers400Status()
    {
        var ns = await _kube.NewNamespaceAsync("pb");
        byte[] truncated = [.. "k8s\0"u8, 0x0a, 0x20, 0x0a];

        var (status, body) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", truncated);

        Assert.True(status == 400, $"expected 400 for a truncated protobuf body, got {status}: {body}");
        Assert.Equal("Status", body!["kind"]!.GetValue<string>());
        Assert.Equal("BadRequest", body["reason"]!.GetValue<string>());
        Assert.Contains("protobuf", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static byte[] Lease(string ns, string? resourceVersion, DateTimeOffset acquired, DateTimeOffset renewed)
    {
        var meta = new ProtoWriter().Text(1, "vk-node").Text(3, ns);
        if (resourceVersion is not null)
        {
            meta.Text(6, resourceVersion);
        }

        var spec = new ProtoWriter().Text(1, "vk-node").Varint(2, 40)
            .Message(3, ProtoWriter.Timestamp(acquired)).Message(4, ProtoWriter.Timestamp(renewed));
        return ProtoWriter.Envelope("coordination.k8s.io/v1", "Lease", new ProtoWriter().Message(1, meta).Message(2, spec));
    }

    private async Task<(int Status, JsonObject? Body)> SendAsync(HttpMethod method, string path, byte[] body)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(Protobuf);
        request.Headers.TryAddWithoutValidation("Accept", Protobuf + ",application/json");
        using var response = await _kube.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null);
    }
}
