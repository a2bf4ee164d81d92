using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.OpenApi;
using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.OpenApi;

/// <summary>
/// What kubectl reads in the documents (kubectl-wire.md §3.1): for every kind that can be patched, a PATCH operation
/// naming its group/version/kind with the <c>fieldValidation</c> parameter and a strategic-merge-patch body, and a
/// component schema with the kind's GVK whose fields carry the patch markers apply computes its patch from.
/// </summary>
public sealed class OpenApiDocumentTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task EveryPatchableKind_HasAPatchOperationKubectlAccepts()
    {
        foreach (var type in _kube.Server.Registry.All.Where(t => t.Verbs.Contains("patch")))
        {
            var document = await DocumentAsync(type.Group.Length == 0 ? $"api/{type.Version}" : $"apis/{type.Group}/{type.Version}");
            var patches = document["paths"]!.AsObject()
                .Select(p => p.Value!["patch"])
                .Where(op => op is not null && Gvk(op["x-kubernetes-group-version-kind"]) == (type.Group, type.Version, type.Kind))
                .ToList();

            Assert.True(patches.Count > 0, $"Expected a PATCH operation for {type.ApiVersion} {type.Kind}; there is none.");
            foreach (var patch in patches)
            {
                Assert.Contains(patch!["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation" && p["in"]!.GetValue<string>() == "query");
                Assert.NotNull(patch["requestBody"]!["content"]!["application/strategic-merge-patch+json"]);
            }

            var schemas = document["components"]!["schemas"]!.AsObject();
            Assert.Single(schemas, s => s.Value!["x-kubernetes-group-version-kind"] is JsonArray gvks && gvks.Any(g => Gvk(g) == (type.Group, type.Version, type.Kind)));
        }
    }

    [Fact]
    public async Task PodSchema_CarriesPatchMarkersRequiredFieldsAndEnums()
    {
        var schemas = (await DocumentAsync("api/v1"))["components"]!["schemas"]!;
        var podSpec = schemas["io.k8s.api.core.v1.PodSpec"]!["properties"]!;
        var container = schemas["io.k8s.api.core.v1.Container"]!["properties"]!;
        var port = schemas["io.k8s.api.core.v1.ContainerPort"]!;

        Assert.Equal("merge", podSpec["containers"]!["x-kubernetes-patch-strategy"]!.GetValue<string>());
        Assert.Equal("name", podSpec["containers"]!["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        Assert.Equal("""{"allOf":[{"$ref":"#/components/schemas/io.k8s.api.core.v1.Container"}]}""", podSpec["containers"]!["items"]!.ToJsonString());
        Assert.Equal("merge,retainKeys", podSpec["volumes"]!["x-kubernetes-patch-strategy"]!.GetValue<string>());
        Assert.Equal("atomic", podSpec["tolerations"]!["x-kubernetes-list-type"]!.GetValue<string>());
        Assert.Equal("""["containerPort","protocol"]""", container["ports"]!["x-kubernetes-list-map-keys"]!.ToJsonString());
        Assert.Contains("containerPort", port["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("""["SCTP","TCP","UDP"]""", port["properties"]!["protocol"]!["enum"]!.ToJsonString());
        Assert.Equal("""{"type":"integer","format":"int32"}""", port["properties"]!["containerPort"]!.ToJsonString());
        Assert.Equal("""{"type":"string","format":"int-or-string"}""", schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!.ToJsonString());
        Assert.NotNull(schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!["properties"]!["ownerReferences"]!["x-kubernetes-patch-merge-key"]);
    }

    [Fact]
    public async Task AppsDocument_ReferencesCoreTypesByTheirCoreNames()
    {
        var document = await DocumentAsync("apis/apps/v1");
        var schemas = document["components"]!["schemas"]!.AsObject();

        Assert.True(schemas.ContainsKey("io.k8s.api.core.v1.PodTemplateSpec"), "PodTemplateSpec is a core/v1 type even when only apps/v1 uses it.");
        Assert.True(schemas.ContainsKey("io.k8s.api.autoscaling.v1.Scale"), "deployments/scale answers autoscaling/v1 Scale.");
        Assert.NotNull(document["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]!["patch"]);
        Assert.Equal("listAppsV1DeploymentForAllNamespaces", document["paths"]!["/apis/apps/v1/deployments"]!["get"]!["operationId"]!.GetValue<string>());
        Assert.Equal("deleteAppsV1CollectionNamespacedDeployment",
            document["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments"]!["delete"]!["operationId"]!.GetValue<string>());
    }

    [Fact]
    public void ModelCatalog_Names_FollowKubernetesDefinitionNames()
    {
        Assert.Equal("io.k8s.api.core.v1.Pod", ModelCatalog.NameOf(typeof(k8s.Models.V1Pod)));
        Assert.Equal("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", ModelCatalog.NameOf(typeof(k8s.Models.V1ObjectMeta)));
        Assert.Equal("io.k8s.api.core.v1.Event", ModelCatalog.NameOf(typeof(k8s.Models.Corev1Event)));
        Assert.Equal("io.k8s.api.events.v1.Event", ModelCatalog.NameOf(typeof(k8s.Models.Eventsv1Event)));
        Assert.Equal("io.k8s.api.coordination.v1.LeaseSpec", ModelCatalog.NameOf(typeof(k8s.Models.V1LeaseSpec)));
        Assert.Equal("io.k8s.metrics.pkg.apis.metrics.v1beta1.NodeMetrics", ModelCatalog.NameOf(typeof(k8s.Models.NodeMetrics)));
        Assert.Equal(typeof(k8s.Models.V1Deployment), ModelCatalog.FindKind("apps", "v1", "Deployment"));
    }

    [Fact]
    public async Task EveryPath_HasAnOperation()
    {
        var (_, index, _) = await _kube.SendAsync(HttpMethod.Get, "/openapi/v3");
        foreach (var (path, _) in index!["paths"]!.AsObject())
        {
            var document = await DocumentAsync(path);
            foreach (var (route, item) in document["paths"]!.AsObject())
            {
                Assert.True(item!.AsObject().Any(p => p.Key != "parameters"), $"Expected an operation under {route} in {path}; it has only parameters.");
            }
        }
    }

    private async Task<JsonObject> DocumentAsync(string path)
    {
        var (status, document, _) = await _kube.SendAsync(HttpMethod.Get, $"/openapi/v3/{path}");
        Assert.True(status == 200, $"Expected GET /openapi/v3/{path} to answer 200; it answered {status}.");
        return document!;
    }

    private static (string?, string?, string?) Gvk(JsonNode? gvk) =>
        (gvk?["group"]?.GetValue<string>(), gvk?["version"]?.GetValue<string>(), gvk?["kind"]?.GetValue<string>());
}
