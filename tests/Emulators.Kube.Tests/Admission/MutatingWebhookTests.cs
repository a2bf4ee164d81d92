using System.Net;
using System.Text.Json.Nodes;

using k8s.Autorest;
using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Admission;

/// <summary>Mutating admission webhooks called over HTTPS by the local API server, driven through KubernetesClient.</summary>
public sealed class MutatingWebhookTests : IClassFixture<WebhookFixture>
{
    private readonly WebhookFixture _fixture;

    public MutatingWebhookTests(WebhookFixture fixture)
    {
        _fixture = fixture;
    }

    private KubeServer Kube => _fixture.Kube;

    private WebhookServer Hooks => _fixture.Webhooks;

    [Fact]
    public async Task CreatePod_MatchingWebhookPatches_StoredPodCarriesThePatchAndReviewIsComplete()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await Kube.NewNamespaceAsync("mutate");
        Hooks.On($"{ns}/label", _ => WebhookServer.Patch(new JsonObject { ["op"] = "add", ["path"] = "/metadata/labels", ["value"] = new JsonObject { ["mutated"] = "yes" } }));
        await WebhookConfigs.CreateAsync(Kube, $"{ns}-label", ns, WebhookConfigs.Webhook("label.test.io", Hooks.Url($"{ns}/label"), Hooks.CaBundle));

        var pod = await Kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("web"), ns, cancellationToken: ct);

        Assert.Equal("yes", pod.Metadata.Labels?["mutated"]);
        var stored = await Kube.Client.CoreV1.ReadNamespacedPodAsync("web", ns, cancellationToken: ct);
        Assert.Equal("yes", stored.Metadata.Labels?["mutated"]);
        var request = Assert.Single(Hooks.Received($"{ns}/label"))["request"]!;
        Assert.Equal("CREATE", request["operation"]!.GetValue<string>());
        Assert.Equal("Pod", request["kind"]!["kind"]!.GetValue<string>());
        Assert.Equal("pods", request["resource"]!["resource"]!.GetValue<string>());
        Assert.Equal(ns, request["namespace"]!.GetValue<string>());
        Assert.Equal("web", request["name"]!.GetValue<string>());
        Assert.Equal("system:anonymous", request["userInfo"]!["username"]!.GetValue<string>());
        Assert.Equal("nginx:1.27", request["object"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("CreateOptions", request["options"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreatePod_WebhookDenies_ClientGetsTheWebhookStatusPrefixed()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await Kube.NewNamespaceAsync("deny");
        Hooks.On($"{ns}/deny", _ => new JsonObject
        {
            ["allowed"] = false,
            ["status"] = new JsonObject { ["code"] = 403, ["reason"] = "Forbidden", ["message"] = "images from docker.io are not allowed" },
        });
        await WebhookConfigs.CreateAsync(Kube, $"{ns}-deny", ns, WebhookConfigs.Webhook("deny.test.io", Hooks.Url($"{ns}/deny"), Hooks.CaBundle));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("web"), ns, cancellationToken: ct));

        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        var status = JsonNode.Parse(error.Response.Content)!;
        Assert.Equal("admission webhook \"deny.test.io\" denied the request: images from docker.io are not allowed", status["message"]!.GetValue<string>());
        Assert.Equal("Forbidden", status["reason"]!.GetValue<string>());
        await Assert.ThrowsAsync<HttpOperationException>(() => Kube.Client.CoreV1.ReadNamespacedPodAsync("web", ns, cancellationToken: ct));
    }

    [Fact]
    public async Task CreatePod_WebhookDeniesWithoutStatus_Is400WithoutExplanation()
    {
        var ns = await Kube.NewNamespaceAsync("bare");
        Hooks.On($"{ns}/bare", _ => new JsonObject { ["allowed"] = false });
        await WebhookConfigs.CreateAsync(Kube, $"{ns}-bare", ns, WebhookConfigs.Webhook("bare.test.io", Hooks.Url($"{ns}/bare"), Hooks.CaBundle));

        var (status, body, _) = await Kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Manifests.PodJson("web"));

        Assert.Equal(400, status);
        Assert.Equal("admission webhook \"bare.test.io\" denied the request without explanation", body?["message"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("Fail", 500)]
    [InlineData("Ignore", 201)]
    public async Task CreatePod_WebhookUnreachable_FailurePolicyDecides(string policy, int expected)
    {
        var ns = await Kube.NewNamespaceAsync("policy");
        var webhook = WebhookConfigs.Webhook("down.test.io", "https://127.0.0.1:1/down", Hooks.CaBundle);
        webhook["failurePolicy"] = policy;
        await WebhookConfigs.CreateAsync(Kube, $"{ns}-down", ns, webhook);

        var (status, body, _) = await Kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Manifests.PodJson("web"));

        Assert.True(status == expected, $"expected {expected} with failurePolicy {policy}, got {status}: {body}");
        if (expected == 500)
        {
            Assert.Equal("InternalError", body?["reason"]?.GetValue<string>());
            Assert.StartsWith("Internal error occurred: failed calling webhook \"down.test.io\": failed to call webhook: Post \"https://127.0.0.1:1/down?timeout=10s\": ",
                body?["message"]?.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CreatePod_CaBundleDoesNotTrustTheServer_FailsClosed()
    {
        using var other = new Kube.Hosting.CertificateAuthority(TimeProvider.System);
        var ns = await Kube.NewNamespaceAsync("untrusted");
        var wrongBundle = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(other.CertificatePem));
        await WebhookConfigs.CreateAsync(Kube, $"{ns}-tls", ns, WebhookConfigs.Webhook("tls.test.io", Hooks.Url($"{ns}/tls"), wrongBundle));

        var (status, body, _) = await Kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Manifests.PodJson("web"));

        Assert.True(status == 500, $"expected 500 for an untrusted webhook certificate, got {status}: {body}");
        Assert.Empty(Hooks.Received($"{ns}/tls"));
    }

    [Fact]
    public async Task CreatePod_ObjectSelector_OnlyLabeledPodsReachTheWebhook()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await Kube.NewNamespaceAsync("objsel");
        var webhook = WebhookConfigs.Webhook("selected.test.io", Hooks.Url($"{ns}/selected"), Hooks.CaBundle);
        webhook["objectSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["inject"] = "true" } };
        await WebhookConfigs.CreateAsync(Kube, $"{ns}-selected", ns, webhook);

        await Kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("plain"), ns, cancellationToken: ct);
        await Kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("labeled", labels: new Dictionary<string, string> { ["inject"] = "true" }), ns, cancellationToken: ct);

        var reviewed = Hooks.Received($"{ns}/selected").Select(r => r["request"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["labeled"], reviewed);
    }

    [Fact]
    public async Task CreatePod_NamespaceSelectorExcludesTheNamespace_WebhookIsNotCalled()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await Kube.NewNamespaceAsync("nssel");
        var webhook = WebhookConfigs.Webhook("nssel.test.io", Hooks.Url($"{ns}/nssel"), Hooks.CaBundle);
        webhook["namespaceSelector"] = new JsonObject
        {
            ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "kubernetes.io/metadata.name", ["operator"] = "NotIn", ["values"] = new JsonArray(ns) }),
        };
        await WebhookConfigs.CreateAsync(Kube, $"{ns}-nssel", ns, webhook);

        await Kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("web"), ns, cancellationToken: ct);

        Assert.DoesNotContain(Hooks.Received($"{ns}/nssel"), r => r["request"]!["namespace"]?.GetValue<string>() == ns);
    }

    [Fact]
    public async Task Rules_UpdateOnStatusSubresource_CalledForStatusWritesOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await Kube.NewNamespaceAsync("rules");
        await WebhookConfigs.CreateAsync(Kube, $"{ns}-status", ns,
            WebhookConfigs.Webhook("status.test.io", Hooks.Url($"{ns}/status"), Hooks.CaBundle, operations: "UPDATE", resources: "pods/status"));
        await Kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("web"), ns, cancellationToken: ct);
        Assert.DoesNotContain(Hooks.Received($"{ns}/status"), r => r["request"]!["operation"]!.GetValue<string>() == "CREATE");

        var patch = new V1Patch("{\"status\":{\"message\":\"patched by the test\"}}", V1Patch.PatchType.MergePatch);
        await Kube.Client.CoreV1.PatchNamespacedPodStatusAsync(patch, "web", ns, cancellationToken: ct);

        // Only this client's write counts: in-process controllers (scheduler, simulated kubelet) may write pod status too.
        var mine = Hooks.Received($"{ns}/status").Where(r => r["request"]!["object"]!["status"]!["message"]?.GetValue<string>() == "patched by the test").ToList();
        Assert.True(mine.Count >= 1, "expected the test's status patch to reach the webhook");
        var request = mine[0]["request"]!;
        Assert.Equal("UPDATE", request["operation"]!.GetValue<string>());
        Assert.Equal("status", request["subResource"]!.GetValue<string>());
        Assert.Null(request["oldObject"]!["status"]!["message"]);
    }

    [Theory]
    [InlineData("IfNeeded", 2)]
    [InlineData("Never", 1)]
    public async Task Reinvocation_LaterWebhookChangesObject_EarlierIfNeededWebhookRunsAgain(string policy, int expectedCalls)
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await Kube.NewNamespaceAsync("reinvoke");
        Hooks.On($"{ns}/first", review => review["request"]!["object"]!["metadata"]!["labels"]?["second"] is null
            ? WebhookServer.Allow()
            : WebhookServer.Patch(new JsonObject { ["op"] = "add", ["path"] = "/metadata/annotations", ["value"] = new JsonObject { ["first-saw-second"] = "true" } }));
        Hooks.On($"{ns}/second", _ => WebhookServer.Patch(new JsonObject { ["op"] = "add", ["path"] = "/metadata/labels", ["value"] = new JsonObject { ["second"] = "done" } }));
        var first = WebhookConfigs.Webhook("first.test.io", Hooks.Url($"{ns}/first"), Hooks.CaBundle);
        first["reinvocationPolicy"] = policy;
        await WebhookConfigs.CreateAsync(Kube, $"{ns}-a", ns, first);
        await WebhookConfigs.CreateAsync(Kube, $"{ns}-b", ns, WebhookConfigs.Webhook("second.test.io", Hooks.Url($"{ns}/second"), Hooks.CaBundle));

        var pod = await Kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("web"), ns, cancellationToken: ct);

        Assert.Equal(expectedCalls, Hooks.Received($"{ns}/first").Count);
        Assert.Single(Hooks.Received($"{ns}/second"));
        Assert.Equal("done", pod.Metadata.Labels?["second"]);
        Assert.Equal(policy == "IfNeeded", pod.Metadata.Annotations?.ContainsKey("first-saw-second") == true);
    }

    [Theory]
    [InlineData("Unknown", 400)]
    [InlineData("NoneOnDryRun", 201)]
    public async Task DryRun_SideEffectsDecideWhetherTheWebhookMayBeCalled(string sideEffects, int expected)
    {
        var ns = await Kube.NewNamespaceAsync("dryrun");
        var webhook = WebhookConfigs.Webhook("dry.test.io", Hooks.Url($"{ns}/dry"), Hooks.CaBundle);
        webhook["sideEffects"] = sideEffects;
        await WebhookConfigs.CreateAsync(Kube, $"{ns}-dry", ns, webhook);

        var (status, body, _) = await Kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods?dryRun=All", Manifests.PodJson("web"));

        Assert.True(status == expected, $"expected {expected} for sideEffects {sideEffects}, got {status}: {body}");
        if (expected == 400)
        {
            Assert.Equal("admission webhook \"dry.test.io\" does not support dry run", body?["message"]?.GetValue<string>());
            Assert.Empty(Hooks.Received($"{ns}/dry"));
        }
        else
        {
            Assert.True(Assert.Single(Hooks.Received($"{ns}/dry"))["request"]!["dryRun"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task Warnings_FromTheWebhook_ReachTheClientAsWarningHeaders()
    {
        var ns = await Kube.NewNamespaceAsync("warn");
        Hooks.On($"{ns}/warn", _ => new JsonObject { ["allowed"] = true, ["warnings"] = new JsonArray("image tag latest is discouraged") });
        await WebhookConfigs.CreateAsync(Kube, $"{ns}-warn", ns, WebhookConfigs.Webhook("warn.test.io", Hooks.Url($"{ns}/warn"), Hooks.CaBundle));

        var (status, _, response) = await Kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Manifests.PodJson("web"));

        Assert.Equal(201, status);
        Assert.Contains("299 - \"image tag latest is discouraged\"", response.Headers.GetValues("Warning"));
    }
}
