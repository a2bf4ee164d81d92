using System.Text.Json.Nodes;

using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;
using OrleansEci.Emulators.Kube.Validation;

namespace OrleansEci.Emulators.Kube.Tests.Fixtures;

/// <summary>
/// The kubernetes/api round-trip fixtures (every field set, odd values) must never crash the server, must be fully
/// known to the schema (so no field is dropped), and must come back with every field where validation lets them in.
/// </summary>
public sealed class FixtureRoundTripTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    public static TheoryData<string, string, Type> Fixtures => new()
    {
        { "core.v1.Pod.json", "/api/v1/namespaces/{ns}/pods", typeof(V1Pod) },
        { "core.v1.Node.json", "/api/v1/nodes", typeof(V1Node) },
        { "core.v1.ConfigMap.json", "/api/v1/namespaces/{ns}/configmaps", typeof(V1ConfigMap) },
        { "core.v1.Secret.json", "/api/v1/namespaces/{ns}/secrets", typeof(V1Secret) },
        { "core.v1.Event.json", "/api/v1/namespaces/{ns}/events", typeof(Corev1Event) },
        { "events.k8s.io.v1.Event.json", "/apis/events.k8s.io/v1/namespaces/{ns}/events", typeof(Eventsv1Event) },
        { "coordination.k8s.io.v1.Lease.json", "/apis/coordination.k8s.io/v1/namespaces/{ns}/leases", typeof(V1Lease) },
        { "apps.v1.Deployment.json", "/apis/apps/v1/namespaces/{ns}/deployments", typeof(V1Deployment) },
        { "batch.v1.Job.json", "/apis/batch/v1/namespaces/{ns}/jobs", typeof(V1Job) },
        { "admissionregistration.k8s.io.v1.MutatingWebhookConfiguration.json", "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations", typeof(V1MutatingWebhookConfiguration) },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Schema_Fixture_KnowsEveryField(string file, string path, Type model)
    {
        _ = path;
        var unknown = KnownFields.Prune(Load(file), model);
        Assert.True(unknown.Count == 0, $"{file}: the schema from {model.Name} does not know {string.Join(", ", unknown)}; those fields would be dropped");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Create_FixtureAsIs_AnswersCreatedOrAClientErrorStatus(string file, string path, Type model)
    {
        _ = model;
        var ns = await _kube.NewNamespaceAsync("fx");
        var fixture = Load(file);
        fixture["metadata"]!["namespace"] = ns;
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Post, path.Replace("{ns}", ns, StringComparison.Ordinal) + "?fieldValidation=Strict", fixture.ToJsonString());
        Assert.True(status is 201 or 400 or 422, $"{file}: expected 201 or a 400/422 Status, got {status}: {body}");
        if (status != 201)
        {
            Assert.Equal("Status", body!["kind"]!.GetValue<string>());
            Assert.NotEqual("InternalError", body["reason"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("core.v1.ConfigMap.json", "/api/v1/namespaces/{ns}/configmaps")]
    [InlineData("core.v1.Secret.json", "/api/v1/namespaces/{ns}/secrets")]
    [InlineData("core.v1.Event.json", "/api/v1/namespaces/{ns}/events")]
    [InlineData("events.k8s.io.v1.Event.json", "/apis/events.k8s.io/v1/namespaces/{ns}/events")]
    [InlineData("coordination.k8s.io.v1.Lease.json", "/apis/coordination.k8s.io/v1/namespaces/{ns}/leases")]
    [InlineData("core.v1.Node.json", "/api/v1/nodes")]
    public async Task Create_FixtureWithValidName_ReturnsEveryField(string file, string path)
    {
        var ns = await _kube.NewNamespaceAsync("fx");
        var fixture = Load(file);
        var name = $"fx-{Guid.NewGuid():N}"[..12];
        fixture["metadata"]!["name"] = name;
        fixture["metadata"]!["namespace"] = ns;
        if (file.StartsWith("events.k8s.io", StringComparison.Ordinal))
        {
            fixture["type"] = "Normal"; // events.k8s.io validation accepts only Normal and Warning
        }

        var url = path.Replace("{ns}", ns, StringComparison.Ordinal);
        var (status, created, _) = await _kube.SendAsync(HttpMethod.Post, url + "?fieldValidation=Strict", fixture.ToJsonString());
        Assert.True(status == 201, $"{file}: expected 201, got {status}: {created}");
        var (_, read, _) = await _kube.SendAsync(HttpMethod.Get, $"{url}/{name}");

        if (fixture["stringData"] is JsonObject stringData)
        {
            // The v1 conversion writes stringData into data, base64-encoded, and drops it.
            foreach (var (key, value) in stringData)
            {
                fixture["data"]![key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value!.GetValue<string>()));
            }
        }

        Assert.Null(read!["stringData"]);
        foreach (var (key, value) in fixture.Where(p => p.Key is not ("metadata" or "stringData")))
        {
            Assert.True(JsonNode.DeepEquals(value, read![key]), $"{file}: field {key} changed: sent {value?.ToJsonString()}, read {read![key]?.ToJsonString()}");
        }

        foreach (var field in new[] { "labels", "annotations", "ownerReferences", "finalizers" })
        {
            Assert.True(JsonNode.DeepEquals(fixture["metadata"]![field], read!["metadata"]![field]), $"{file}: metadata.{field} changed");
        }

        Assert.NotEqual("uidValue", read!["metadata"]!["uid"]!.GetValue<string>());
        Assert.Null(read["metadata"]!["deletionTimestamp"]);
    }

    private static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(SharedFolder.Path("fixtures", "k8s-api-testdata", file)))!.AsObject();
}
