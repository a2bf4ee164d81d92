using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OrleansEci.KubeletApi.Admission;
using OrleansEci.Profiles;
using OrleansEci.KubeletApi.Tests.Support;

namespace OrleansEci.KubeletApi.Tests.Admission;

public sealed class WebhookConfigurationBuilderTests
{
    private static readonly byte[] Ca = Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n");

    private static WebhookConfigurationOptions Options() => new() { CaBundle = Ca };

    [Fact]
    public void Build_DefaultProfile_MirrorsTheFiveRoutesPlusTheCatchAll()
    {
        V1MutatingWebhookConfiguration config = WebhookConfigurationBuilder.Build(EciProfile.Default, Options());

        Assert.Equal("vk-webhook", config.Metadata.Name);
        Assert.Equal(
            ["eci-pod-label.route.", "eci-pod-legacy-label.route.", "eci-namespace-label.route.", "eci-namespace-legacy-label.route.", "virtual-node-affinity-injection.route.", "all-pods."],
            config.Webhooks.Select(w => w.Name.Replace("vk-webhook.orleans-eci.io", "", StringComparison.Ordinal)));
        V1MutatingWebhook podLabel = config.Webhooks[0];
        Assert.Equal("true", podLabel.ObjectSelector.MatchLabels["alibabacloud.com/eci"]);
        Assert.Null(podLabel.NamespaceSelector.MatchLabels);
        V1MutatingWebhook namespaceLabel = config.Webhooks[2];
        Assert.Equal("true", namespaceLabel.NamespaceSelector.MatchLabels["alibabacloud.com/eci"]);
        Assert.Null(namespaceLabel.ObjectSelector.MatchLabels);
    }

    [Fact]
    public void Build_EveryWebhook_CallsTheServiceWithTheCaNoSideEffectsAndTheTimeout()
    {
        V1MutatingWebhookConfiguration config = WebhookConfigurationBuilder.Build(EciProfile.Default, Options());

        Assert.All(config.Webhooks, w =>
        {
            Assert.Equal(Ca, w.ClientConfig.CaBundle);
            Assert.Equal(("kube-system", "vk-webhook", "/mutate-pods", 443), (w.ClientConfig.Service.NamespaceProperty, w.ClientConfig.Service.Name, w.ClientConfig.Service.Path, w.ClientConfig.Service.Port));
            Assert.Null(w.ClientConfig.Url);
            Assert.Equal(("Ignore", "None", 10), (w.FailurePolicy, w.SideEffects, w.TimeoutSeconds));
            Assert.Equal(["v1"], w.AdmissionReviewVersions);
            V1RuleWithOperations rule = Assert.Single(w.Rules);
            Assert.Equal(["CREATE"], rule.Operations);
            Assert.Equal(["pods"], rule.Resources);
            Assert.Equal([""], rule.ApiGroups);
            Assert.Equal(["v1"], rule.ApiVersions);
        });
    }

    [Fact]
    public void Build_ProfileSelectors_MirroredOnlyWhenTheySchedule()
    {
        ProfileParseResult parsed = EciProfileParser.Parse(new Dictionary<string, string>
        {
            ["selectors"] = """
                [
                  {"name":"ml","namespaceSelector":{"matchLabels":{"team":"ml"}},"objectSelector":{"matchLabels":{"tier":"batch"}}},
                  {"name":"effect-only","effect":{"labels":{"created-by-eci":"true"}}},
                  {"name":"same-as-route","objectSelector":{"matchLabels":{"eci":"true"}}}
                ]
                """,
        });

        V1MutatingWebhookConfiguration config = WebhookConfigurationBuilder.Build(parsed.Profile!, Options());

        V1MutatingWebhook ml = Assert.Single(config.Webhooks, w => w.Name == "ml.selector.vk-webhook.orleans-eci.io");
        Assert.Equal("ml", ml.NamespaceSelector.MatchLabels["team"]);
        Assert.Equal("batch", ml.ObjectSelector.MatchLabels["tier"]);
        Assert.DoesNotContain(config.Webhooks, w => w.Name.StartsWith("effect-only", StringComparison.Ordinal));
        Assert.DoesNotContain(config.Webhooks, w => w.Name.StartsWith("same-as-route", StringComparison.Ordinal));
        Assert.Equal(7, config.Webhooks.Count);
    }

    [Fact]
    public void Build_CatchAll_SeesEveryPodOutsideTheExcludedNamespaces()
    {
        WebhookConfigurationOptions options = Options();
        options.ExcludedNamespaces.Add("eci-system");

        V1MutatingWebhook all = WebhookConfigurationBuilder.Build(EciProfile.Default, options).Webhooks[^1];

        V1LabelSelectorRequirement requirement = Assert.Single(all.NamespaceSelector.MatchExpressions);
        Assert.Equal(("kubernetes.io/metadata.name", "NotIn"), (requirement.Key, requirement.OperatorProperty));
        Assert.Equal(["kube-system", "eci-system"], requirement.Values);
        Assert.Null(all.ObjectSelector.MatchLabels);
        Assert.Null(all.ObjectSelector.MatchExpressions);
    }

    [Fact]
    public void Build_FailAndTimeout_Applied()
    {
        WebhookConfigurationOptions options = Options();
        options.FailurePolicy = "Fail";
        options.TimeoutSeconds = 30;

        V1MutatingWebhookConfiguration config = WebhookConfigurationBuilder.Build(EciProfile.Default, options);

        Assert.All(config.Webhooks, w => Assert.Equal(("Fail", 30), (w.FailurePolicy, w.TimeoutSeconds)));
    }

    [Theory]
    [InlineData("ignore", 10, "FailurePolicy")]
    [InlineData("Ignore", 0, "TimeoutSeconds")]
    [InlineData("Ignore", 31, "TimeoutSeconds")]
    public void Build_InvalidOptions_RefusedSayingWhich(string failurePolicy, int timeout, string expected)
    {
        WebhookConfigurationOptions options = Options();
        options.FailurePolicy = failurePolicy;
        options.TimeoutSeconds = timeout;

        ArgumentException ex = Assert.Throws<ArgumentException>(() => WebhookConfigurationBuilder.Build(EciProfile.Default, options));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Names_AreUniqueFullyQualifiedDnsNames()
    {
        V1MutatingWebhookConfiguration config = WebhookConfigurationBuilder.Build(EciProfile.Default, Options());

        Assert.Equal(config.Webhooks.Count, config.Webhooks.Select(w => w.Name).Distinct().Count());
        Assert.All(config.Webhooks, w =>
        {
            string[] labels = w.Name.Split('.');
            Assert.True(labels.Length >= 3 && w.Name.Length <= 253, $"Webhook name {w.Name} must be fully qualified (three or more labels).");
            Assert.All(labels, l => Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", l));
        });
    }

    [Fact]
    public void Build_Serialized_UsesOnlyFieldsTheSharedFixtureHas()
    {
        JsonNode ours = JsonNode.Parse(KubernetesJson.Serialize(WebhookConfigurationBuilder.Build(EciProfile.Default, Options())))!;
        JsonNode fixture = JsonNode.Parse(SharedFolder.Fixture("admissionregistration.k8s.io.v1.MutatingWebhookConfiguration.json"))!;

        JsonObject webhook = ours["webhooks"]![0]!.AsObject();
        JsonObject known = fixture["webhooks"]![0]!.AsObject();
        Assert.All(webhook, p => Assert.True(known.ContainsKey(p.Key), $"Our webhook field {p.Key} is not a field of admissionregistration.k8s.io/v1 MutatingWebhook."));
        Assert.Equal("admissionregistration.k8s.io/v1", (string?)ours["apiVersion"]);
        Assert.Equal(Convert.ToBase64String(Ca), (string?)webhook["clientConfig"]!["caBundle"]);
    }
}
