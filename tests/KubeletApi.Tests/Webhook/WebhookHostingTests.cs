using System.Diagnostics;
using System.Net;
using System.Text;

using k8s;
using k8s.Models;

using OrleansEci.KubeletApi.Tests.Support;

using static OrleansEci.KubeletApi.Tests.Support.ReviewFixtures;

namespace OrleansEci.KubeletApi.Tests.Webhook;

/// <summary>
/// The served webhook end to end: the local API server calls it over HTTPS for pod creations (trusting vk-webhook's
/// caBundle), the namespace cache feeds the namespace route, a profile reload updates vk-webhook, and malformed
/// AdmissionReviews sent over the wire get proper answers.
/// </summary>
public sealed class WebhookHostingTests(WebhookHost host) : IClassFixture<WebhookHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CreatePod_InLabelledNamespace_ApiServerStoresItRoutedToVirtualNodes()
    {
        await RegisteredAsync("eci-namespace-label.route.vk-webhook.orleans-eci.io");
        await host.Client.CoreV1.CreateNamespaceAsync(new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = "eci-team", Labels = new Dictionary<string, string> { ["alibabacloud.com/eci"] = "true" } },
        }, cancellationToken: TestContext.Current.CancellationToken);

        V1Pod created = await host.Client.CoreV1.CreateNamespacedPodAsync(Plain("web"), "eci-team", cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(Value(created.Spec.NodeSelector, "type") == "virtual-kubelet",
            $"Expected pod eci-team/web (namespace labelled alibabacloud.com/eci=true) to get nodeSelector type=virtual-kubelet; got {Describe(created.Spec.NodeSelector)}");
        Assert.Contains(created.Spec.Tolerations, t => t.Key == "virtual-kubelet.io/provider");
    }

    [Fact]
    public async Task CreatePod_UnlabelledNamespace_LeftAlone()
    {
        await RegisteredAsync("eci-namespace-label.route.vk-webhook.orleans-eci.io");

        V1Pod created = await host.Client.CoreV1.CreateNamespacedPodAsync(Plain("plain"), "default", cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(created.Spec.NodeSelector is null or { Count: 0 }, $"Expected pod default/plain without a route to keep no nodeSelector; got {Describe(created.Spec.NodeSelector)}");
    }

    [Fact]
    public async Task ProfileReload_NewSelector_MirroredInVkWebhookAndRoutesPods()
    {
        host.Profiles.Apply(new Dictionary<string, string> { ["selectors"] = """[{"name":"gpu","objectSelector":{"matchLabels":{"app":"gpu"}},"effect":{"annotations":{"k8s.aliyun.com/eci-use-specs":"ecs.gn6i-c4g1.xlarge"}}}]""" });
        try
        {
            V1MutatingWebhookConfiguration config = await RegisteredAsync("gpu.selector.vk-webhook.orleans-eci.io");
            V1MutatingWebhook gpu = config.Webhooks.Single(w => w.Name == "gpu.selector.vk-webhook.orleans-eci.io");
            Assert.Equal("gpu", gpu.ObjectSelector.MatchLabels["app"]);
            Assert.Equal(host.Certificates.CaBundlePem, Encoding.UTF8.GetString(gpu.ClientConfig.CaBundle));

            V1Pod pod = Plain("trainer");
            pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "gpu" };
            V1Pod created = await host.Client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal("ecs.gn6i-c4g1.xlarge", Value(created.Metadata.Annotations, "k8s.aliyun.com/eci-use-specs"));
            Assert.Equal("virtual-kubelet", Value(created.Spec.NodeSelector, "type"));
        }
        finally
        {
            host.Profiles.Reset();
        }

        V1MutatingWebhookConfiguration back = await UntilAsync("vk-webhook without the gpu selector after the profile went back to the defaults",
            c => c?.Webhooks.All(w => w.Name != "gpu.selector.vk-webhook.orleans-eci.io") == true);
        Assert.NotNull(back);
    }

    [Fact]
    public async Task EnsureAsync_InStep_WritesNothing()
    {
        await RegisteredAsync("eci-pod-label.route.vk-webhook.orleans-eci.io");
        await UntilAsync("the registrar to settle on the profile in force", _ => ReferenceEquals(host.Registrar.Registered, host.Profiles.Current));

        bool wrote = await host.Registrar.EnsureAsync(host.Profiles.Current, TestContext.Current.CancellationToken);

        Assert.False(wrote, "Expected no write when vk-webhook already matches the profile in force");
    }

    [Fact]
    public async Task Post_MalformedOverHttps_400AdmissionReviewAndTheServerKeepsServing()
    {
        using HttpClient client = host.WebhookClient();
        string[] bodies = ["{\"apiVersion\":", "[]", "{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\"}}",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{}}"];

        foreach (string body in bodies)
        {
            using var response = await client.PostAsync("mutate-pods", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            string answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400 for body {body}; got {(int)response.StatusCode}: {answer}");
            Assert.Contains("Malformed AdmissionReview", answer, StringComparison.Ordinal);
        }

        using var text = await client.PostAsync("mutate-pods", new StringContent("hello", Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        using var good = await client.PostAsync("mutate-pods", new StringContent(PodReview(PodFixtures.Pod(), namespaceName: "default").ToJsonString(), Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task Post_NamespaceUnknownToTheApiServer_503SoTheFailurePolicyDecides()
    {
        using HttpClient client = host.WebhookClient();

        using var response = await client.PostAsync("mutate-pods",
            new StringContent(PodReview(PodFixtures.Pod(labels: PodFixtures.Labels("alibabacloud.com/eci=true")), namespaceName: "no-such-namespace").ToJsonString(),
                Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"Expected 503 for a pod in a namespace the cache and the API server do not know; got {(int)response.StatusCode}: {body}");
        Assert.Contains("no-such-namespace", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificates_Generated_CoverTheServiceNamesAndChainToTheCaBundle()
    {
        X509Check(host.Certificates);
    }

    private static void X509Check(OrleansEci.KubeletApi.Webhook.WebhookCertificates certificates)
    {
        var san = certificates.ServingCertificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single();
        string[] names = [.. san.EnumerateDnsNames()];
        Assert.Contains("vk-webhook.kube-system.svc", names);
        Assert.Contains("vk-webhook.kube-system.svc.cluster.local", names);
        var roots = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        roots.ImportFromPem(certificates.CaBundlePem);
        using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
        chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
        Assert.True(chain.Build(certificates.ServingCertificate), "Expected the serving certificate to chain to the caBundle written to vk-webhook");
    }

    private static string Describe(IDictionary<string, string>? map) => map is null ? "none" : string.Join(",", map.Select(p => $"{p.Key}={p.Value}"));

    private static string? Value(IDictionary<string, string>? map, string key) => map is not null && map.TryGetValue(key, out string? value) ? value : null;

    private static V1Pod Plain(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.27" }] },
    };

    private Task<V1MutatingWebhookConfiguration> RegisteredAsync(string webhook) =>
        UntilAsync($"vk-webhook registered with webhook {webhook}", c => c?.Webhooks.Any(w => w.Name == webhook) == true)!;

    private async Task<V1MutatingWebhookConfiguration> UntilAsync(string what, Func<V1MutatingWebhookConfiguration?, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            V1MutatingWebhookConfiguration? config = null;
            try
            {
                config = await host.Client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync("vk-webhook", cancellationToken: TestContext.Current.CancellationToken);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
            }

            if (condition(config))
            {
                return config!;
            }

            Assert.True(clock.Elapsed < Patience, $"Expected {what} within {Patience.TotalSeconds} s; vk-webhook has {(config is null ? "not been created" : string.Join(", ", config.Webhooks.Select(w => w.Name)))}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
