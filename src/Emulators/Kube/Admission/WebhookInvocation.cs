using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>One webhook of one MutatingWebhookConfiguration, in call order (configurations sorted by name).</summary>
internal sealed record WebhookInvocation(string ConfigurationName, int Index, JsonObject Webhook)
{
    public string Name => KubeJson.GetString(Webhook, "name") ?? "";

    /// <summary>Identity across rounds (kube-apiserver uses the configuration name and the index).</summary>
    public string Key => $"{ConfigurationName}/{Index}";

    public bool FailOpen => KubeJson.GetString(Webhook, "failurePolicy") == "Ignore";

    public bool ReinvokeIfNeeded => KubeJson.GetString(Webhook, "reinvocationPolicy") == "IfNeeded";

    public int TimeoutSeconds => (int)(KubeJson.GetInt64(Webhook["timeoutSeconds"]) ?? 10);

    public string? CaBundle => KubeJson.GetString(Webhook, "clientConfig", "caBundle");
}
