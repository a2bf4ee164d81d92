using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Writes;

/// <summary>
/// <c>kubectl create -f</c> and client-side <c>kubectl apply -f</c> with the default <c>--validate=strict</c>: kubectl
/// finds <c>fieldValidation</c> in the server's OpenAPI v3 documents, leaves validation to the server, and computes
/// apply's three-way strategic merge patch from the documents' schemas.
/// </summary>
public sealed class CreateApplyTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {team: a, tier: front}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: c1
                image: nginx:1.27
                env: [{name: A, value: "1"}, {name: B, value: "2"}]
                ports: [{containerPort: 80}]
              - name: c2
                image: busybox
              volumes: [{name: v, emptyDir: {}}]
        """;

    [Fact]
    public async Task CreateFile_NewThenAgain_CreatesThenReportsAlreadyExists()
    {
        var ns = await cluster.NewNamespaceAsync();
        var file = cluster.WriteManifest("create-dep.yaml", Deployment);

        var created = await cluster.RunAsync("create", "-f", file, "-n", ns);
        var again = await cluster.RunAsync("create", "-f", file, "-n", ns);

        Assert.Equal("deployment.apps/web created\n", created.Succeeded());
        Assert.Equal($"Error from server (AlreadyExists): error when creating \"{file}\": deployments.apps \"web\" already exists\n", again.Failed());
    }

    [Fact]
    public async Task ApplyFile_CreateChangeAndRemoveFields_PatchesLikeAStrategicMerge()
    {
        var ns = await cluster.NewNamespaceAsync();
        var file = cluster.WriteManifest("apply-dep.yaml", Deployment);

        var created = await cluster.RunAsync("apply", "-f", file, "-n", ns);
        var unchanged = await cluster.RunAsync("apply", "-f", file, "-n", ns);
        cluster.WriteManifest("apply-dep.yaml", Deployment
            .Replace("labels: {team: a, tier: front}", "labels: {team: a}", StringComparison.Ordinal)
            .Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal)
            .Replace("image: nginx:1.27", "image: nginx:1.28", StringComparison.Ordinal)
            .Replace("""env: [{name: A, value: "1"}, {name: B, value: "2"}]""", """env: [{name: A, value: "1"}]""", StringComparison.Ordinal)
            .Replace("      - name: c2\n        image: busybox\n", "", StringComparison.Ordinal)
            .Replace("volumes: [{name: v, emptyDir: {}}]", "volumes: [{name: v, configMap: {name: cfg}}]", StringComparison.Ordinal));
        var configured = await cluster.RunAsync("apply", "-f", file, "-n", ns);
        var live = JsonNode.Parse((await cluster.RunAsync("get", "deployment", "web", "-n", ns, "-o", "json")).Succeeded())!;

        Assert.Equal("deployment.apps/web created\n", created.Succeeded());
        Assert.Equal("deployment.apps/web unchanged\n", unchanged.Succeeded());
        Assert.Equal("deployment.apps/web configured\n", configured.Succeeded());
        Assert.Equal("", configured.Stderr);
        Assert.Equal("""{"team":"a"}""", live["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal(3, live["spec"]!["replicas"]!.GetValue<int>());
        var pod = live["spec"]!["template"]!["spec"]!;
        var containers = pod["containers"]!.AsArray();
        Assert.Equal(["c1"], containers.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("nginx:1.28", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal("""[{"name":"A","value":"1"}]""", containers[0]!["env"]!.ToJsonString());
        Assert.Equal("""[{"containerPort":80,"protocol":"TCP"}]""", containers[0]!["ports"]!.ToJsonString());
        var volume = pod["volumes"]![0]!.AsObject();
        Assert.Equal(["configMap", "name"], volume.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ApplyFile_LiveObjectWithoutAnnotation_WarnsAndPatches()
    {
        var ns = await cluster.NewNamespaceAsync();
        var file = cluster.WriteManifest("apply-cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: \"1\"}\n");
        (await cluster.RunAsync("create", "-f", file, "-n", ns)).Succeeded();

        var applied = await cluster.RunAsync("apply", "-f", file, "-n", ns);

        Assert.Equal("configmap/cfg configured\n", applied.Succeeded());
        Assert.StartsWith("Warning: resource configmaps/cfg is missing the kubectl.kubernetes.io/last-applied-configuration annotation", applied.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateFile_UnknownFields_ServerRejectsThemStrictly()
    {
        var ns = await cluster.NewNamespaceAsync();
        var file = cluster.WriteManifest("unknown.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: odd}
            spec:
              foo: bar
              containers: [{name: c, image: nginx, bogus: 1}]
            """);

        var strict = await cluster.RunAsync("create", "-f", file, "-n", ns);
        var warned = await cluster.RunAsync("create", "-f", file, "-n", ns, "--validate=warn");

        var error = strict.Failed();
        Assert.StartsWith($"Error from server (BadRequest): error when creating \"{file}\": Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: ", error, StringComparison.Ordinal);
        Assert.Contains("unknown field \"spec.foo\"", error, StringComparison.Ordinal);
        Assert.Contains("unknown field \"spec.containers[0].bogus\"", error, StringComparison.Ordinal);
        Assert.Equal("pod/odd created\n", warned.Succeeded());
        Assert.Contains("Warning: unknown field \"spec.foo\"", warned.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateFile_InvalidName_PrintsTheInvalidStatusCauses()
    {
        var ns = await cluster.NewNamespaceAsync();
        var file = cluster.WriteManifest("invalid.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n");

        var result = await cluster.RunAsync("create", "-f", file, "-n", ns);

        Assert.StartsWith("The ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of",
            result.Failed(), StringComparison.Ordinal);
    }
}
