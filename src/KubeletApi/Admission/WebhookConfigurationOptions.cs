namespace OrleansEci.KubeletApi.Admission;

/// <summary>How the <c>vk-webhook</c> MutatingWebhookConfiguration reaches the webhook and what it does on failure.</summary>
public sealed class WebhookConfigurationOptions
{
    /// <summary>The configuration's name. Default: <c>vk-webhook</c> (eci-on-kubernetes.md §4).</summary>
    public string Name { get; set; } = "vk-webhook";

    /// <summary>The Service in front of the webhook. Default: <c>vk-webhook</c>.</summary>
    public string ServiceName { get; set; } = "vk-webhook";

    /// <summary>The Service's namespace. Default: <c>kube-system</c>.</summary>
    public string ServiceNamespace { get; set; } = "kube-system";

    /// <summary>The Service's port. Default: 443.</summary>
    public int ServicePort { get; set; } = 443;

    /// <summary>The PEM CA bundle that signed the webhook's serving certificate; the API server verifies the webhook with it.</summary>
    public byte[] CaBundle { get; set; } = [];

    /// <summary>
    /// <c>Ignore</c> or <c>Fail</c>. Default: <c>Ignore</c>, so pod creation goes on (without ECI routing) while the
    /// webhook is unreachable; <c>Fail</c> holds pod creation until it answers.
    /// </summary>
    public string FailurePolicy { get; set; } = "Ignore";

    /// <summary>Seconds the API server waits for the webhook, 1–30. Default: 10.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// The DNS suffix of each webhook's name (names must be fully qualified): <c>&lt;selector&gt;.selector.&lt;suffix&gt;</c>.
    /// Default: <c>vk-webhook.orleans-eci.io</c>.
    /// </summary>
    public string WebhookNameSuffix { get; set; } = "vk-webhook.orleans-eci.io";

    /// <summary>
    /// Namespaces never sent to the catch-all webhook, so the webhook cannot hold up the pods that run it. Default:
    /// <c>kube-system</c>.
    /// </summary>
    public IList<string> ExcludedNamespaces { get; } = ["kube-system"];
}
