using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Patching;

namespace OrleansEci.Emulators.Kube.Tests.Patching;

/// <summary>Strategic merge patch semantics for the lists kubectl and kubelets patch.</summary>
public sealed class StrategicMergePatchTests
{
    private const string Pod = """
        {"metadata":{"name":"p","finalizers":["a"],"ownerReferences":[{"uid":"u1","name":"rs"}]},
         "spec":{"containers":[{"name":"c1","image":"nginx:1.27","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]},
                               {"name":"c2","image":"busybox"}],
                 "volumes":[{"name":"v1","emptyDir":{}}],
                 "tolerations":[{"key":"t1","operator":"Exists"}]},
         "status":{"conditions":[{"type":"Ready","status":"False"},{"type":"PodScheduled","status":"True"}],
                   "containerStatuses":[{"name":"c1","ready":false},{"name":"c2","ready":false}]}}
        """;

    [Fact]
    public void Apply_ContainersByName_MergesMatchingContainer()
    {
        var result = Apply("""{"spec":{"containers":[{"name":"c1","image":"nginx:1.28"}]}}""");
        var containers = result["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("nginx:1.28", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal(2, containers[0]!["env"]!.AsArray().Count);
    }

    [Fact]
    public void Apply_PatchDeleteDirective_RemovesElementByKey()
    {
        var result = Apply("""{"spec":{"containers":[{"$patch":"delete","name":"c2"}]}}""");
        Assert.Equal(["c1"], result["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Apply_EnvByName_AddsAndDeletesWithNull()
    {
        var result = Apply("""{"spec":{"containers":[{"name":"c1","env":[{"name":"C","value":"3"},{"name":"A","value":null}]}]}}""");
        var env = result["spec"]!["containers"]![0]!["env"]!.AsArray();
        Assert.Equal(["A", "B", "C"], env.Select(e => e!["name"]!.GetValue<string>()));
        Assert.Null(env[0]!["value"]);
    }

    [Fact]
    public void Apply_ConditionsByType_MergesStatusConditions()
    {
        var result = Apply("""{"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Initialized","status":"True"}]}}""");
        var conditions = result["status"]!["conditions"]!.AsArray();
        Assert.Equal(["Ready", "PodScheduled", "Initialized"], conditions.Select(c => c!["type"]!.GetValue<string>()));
        Assert.Equal("True", conditions[0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_ContainerStatuses_AreAtomicAsInTheRealSchema()
    {
        var result = Apply("""{"status":{"containerStatuses":[{"name":"c1","ready":true}]}}""");
        Assert.Single(result["status"]!["containerStatuses"]!.AsArray());
    }

    [Fact]
    public void Apply_Finalizers_MergeAsASet()
    {
        var result = Apply("""{"metadata":{"finalizers":["b","a"]}}""");
        Assert.Equal(["a", "b"], result["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public void Apply_DeleteFromPrimitiveList_RemovesValues()
    {
        var result = Apply("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}""");
        Assert.Empty(result["metadata"]!["finalizers"]!.AsArray());
    }

    [Fact]
    public void Apply_OwnerReferencesByUid_Merge()
    {
        var result = Apply("""{"metadata":{"ownerReferences":[{"uid":"u2","name":"other"}]}}""");
        Assert.Equal(2, result["metadata"]!["ownerReferences"]!.AsArray().Count);
    }

    [Fact]
    public void Apply_ReplaceDirectiveInList_ReplacesWholeList()
    {
        var result = Apply("""{"spec":{"volumes":[{"$patch":"replace"},{"name":"v2","emptyDir":{}}]}}""");
        Assert.Equal(["v2"], result["spec"]!["volumes"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Apply_ReplaceDirectiveOnMap_ReplacesMap()
    {
        var result = Apply("""{"spec":{"$patch":"replace","containers":[{"name":"only","image":"x"}]}}""");
        Assert.Null(result["spec"]!["volumes"]);
        Assert.Single(result["spec"]!["containers"]!.AsArray());
    }

    [Fact]
    public void Apply_SetElementOrder_ReordersList()
    {
        var result = Apply("""{"spec":{"$setElementOrder/containers":[{"name":"c2"},{"name":"c1"}],"containers":[{"name":"c1","image":"nginx:1.28"}]}}""");
        Assert.Equal(["c2", "c1"], result["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Apply_RetainKeys_DropsKeysNotListed()
    {
        var original = JsonNode.Parse("""{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""")!.AsObject();
        var patch = JsonNode.Parse("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""")!.AsObject();
        var result = StrategicMergePatch.Apply(original, patch, PatchSchema.ForKind("Deployment"));
        Assert.Equal("""{"type":"Recreate"}""", result["spec"]!["strategy"]!.ToJsonString());
    }

    [Fact]
    public void Apply_Tolerations_AreReplacedAsInTheRealSchema()
    {
        var result = Apply("""{"spec":{"tolerations":[{"key":"t2","operator":"Exists"}]}}""");
        Assert.Equal(["t2"], result["spec"]!["tolerations"]!.AsArray().Select(t => t!["key"]!.GetValue<string>()));
    }

    [Fact]
    public void Apply_KubectlApplyStylePatch_ProducesTheNewManifest()
    {
        var result = Apply("""
            {"metadata":{"labels":{"b":null}},"spec":{"$setElementOrder/containers":[{"name":"c1"}],
             "containers":[{"env":null,"image":"nginx:1.28","name":"c1"},{"$patch":"delete","name":"c2"}]}}
            """);
        var container = result["spec"]!["containers"]!.AsArray().Single()!;
        Assert.Equal("nginx:1.28", container["image"]!.GetValue<string>());
        Assert.Null(container["env"]);
    }

    private static JsonObject Apply(string patch) =>
        StrategicMergePatch.Apply(JsonNode.Parse(Pod)!.AsObject(), JsonNode.Parse(patch)!.AsObject(), PatchSchema.ForKind("Pod"));
}
