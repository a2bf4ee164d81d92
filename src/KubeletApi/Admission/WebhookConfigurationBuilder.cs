using k8s.Models;
using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Admission;

/// <summary>
/// Builds the <c>vk-webhook</c> MutatingWebhookConfiguration from a profile. Each route with a selector (the built-in
/// label routes and each profile selector that schedules to ECI) is mirrored as a webhook of its own with the same
/// objectSelector/namespaceSelector, so <c>kubectl get mutatingwebhookconfigurations vk-webhook -o yaml</c> shows them
/// (eci-on-kubernetes.md §4). One more webhook sees every pod outside the excluded namespaces: the burst-resource
/// annotation, selectors without labels and denials cannot be expressed as label selectors. A pod matched by several
/// webhooks is reviewed several times; the mutation is idempotent, so that costs only a call.
/// </summary>
public static class WebhookConfigurationBuilder
{
    public static V1MutatingWebhookConfiguration Build(EciProfile profile, WebhookConfigurationOptions options)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FailurePolicy is not ("Ignore" or "Fail"))
        {
            throw new ArgumentException($"FailurePolicy is \"{options.FailurePolicy}\"; expected Ignore or Fail.", nameof(options));
        }

        if (options.TimeoutSeconds is < 1 or > 30)
        {
            throw new ArgumentException($"TimeoutSeconds is {options.TimeoutSeconds}; the API server accepts 1 to 30.", nameof(options));
        }

        List<V1MutatingWebhook> webhooks = [];
        HashSet<string> mirrored = [];
        foreach ((string name, ProfileSelector selector) in Routes(profile))
        {
            // The defaults repeat the built-in routes; one webhook per distinct selector is enough.
            if (mirrored.Add(Key(selector)))
            {
                webhooks.Add(Webhook(name, options, Selector(selector.NamespaceLabels), Selector(selector.ObjectLabels)));
            }
        }

        var everyNamespace = new V1LabelSelector
        {
            MatchExpressions = options.ExcludedNamespaces.Count == 0
                ? null
                : [new V1LabelSelectorRequirement { Key = "kubernetes.io/metadata.name", OperatorProperty = "NotIn", Values = [.. options.ExcludedNamespaces] }],
        };
        webhooks.Add(Webhook($"all-pods.{options.WebhookNameSuffix}", options, everyNamespace, new V1LabelSelector()));

        return new V1MutatingWebhookConfiguration
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "MutatingWebhookConfiguration",
            Metadata = new V1ObjectMeta { Name = options.Name, Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "orleans-eci" } },
            Webhooks = webhooks,
        };

        IEnumerable<(string Name, ProfileSelector Selector)> Routes(EciProfile p) =>
            DefaultSelectors.All.Select(s => ($"{s.Name}.route.{options.WebhookNameSuffix}", s))
                .Concat(p.Selectors.Where(s => s.SchedulesToEci).Select(s => ($"{s.Name}.selector.{options.WebhookNameSuffix}", s)));
    }

    private static V1MutatingWebhook Webhook(string name, WebhookConfigurationOptions options, V1LabelSelector namespaceSelector, V1LabelSelector objectSelector) => new()
    {
        Name = name,
        AdmissionReviewVersions = ["v1"],
        ClientConfig = new Admissionregistrationv1WebhookClientConfig
        {
            CaBundle = options.CaBundle,
            Service = new Admissionregistrationv1ServiceReference
            {
                Name = options.ServiceName,
                NamespaceProperty = options.ServiceNamespace,
                Path = AdmissionWebhookEndpointExtensions.Path,
                Port = options.ServicePort,
            },
        },
        Rules = [new V1RuleWithOperations { ApiGroups = [""], ApiVersions = ["v1"], Operations = ["CREATE"], Resources = ["pods"], Scope = "Namespaced" }],
        FailurePolicy = options.FailurePolicy,
        SideEffects = "None",
        TimeoutSeconds = options.TimeoutSeconds,
        MatchPolicy = "Equivalent",
        ReinvocationPolicy = "Never",
        NamespaceSelector = namespaceSelector,
        ObjectSelector = objectSelector,
    };

    private static V1LabelSelector Selector(IReadOnlyDictionary<string, string>? labels) =>
        labels is null ? new V1LabelSelector() : new V1LabelSelector { MatchLabels = labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal) };

    private static string Key(ProfileSelector selector) =>
        $"{Describe(selector.NamespaceLabels)}|{Describe(selector.ObjectLabels)}";

    private static string Describe(IReadOnlyDictionary<string, string>? labels) =>
        labels is null ? "-" : string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
