using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Admission;

/// <summary>MutatingWebhookConfiguration bodies for tests, created through the API as a user would.</summary>
public static class WebhookConfigs
{
    public static JsonObject Webhook(string name, string url, string caBundle, string operations = "CREATE", string resources = "pods") => new()
    {
        ["name"] = name,
        ["clientConfig"] = new JsonObject { ["url"] = url, ["caBundle"] = caBundle },
        ["rules"] = new JsonArray(new JsonObject
        {
            ["operations"] = new JsonArray([.. operations.Split(',').Select(o => (JsonNode)o)]),
            ["apiGroups"] = new JsonArray(""),
            ["apiVersions"] = new JsonArray("v1"),
            ["resources"] = new JsonArray([.. resources.Split(',').Select(r => (JsonNode)r)]),
        }),
        ["sideEffects"] = "None",
        ["admissionReviewVersions"] = new JsonArray("v1"),
    };

    /// <summary>Creates a configuration holding <paramref name="webhooks"/>; the namespace selector limits it to <paramref name="ns"/>.</summary>
    public static async Task CreateAsync(KubeServer kube, string name, string ns, params JsonObject[] webhooks)
    {
        foreach (var webhook in webhooks)
        {
            webhook["namespaceSelector"] ??= new JsonObject { ["matchLabels"] = new JsonObject { ["kubernetes.io/metadata.name"] = ns } };
        }

        var body = new JsonObject
        {
            ["apiVersion"] = "admissionregistration.k8s.io/v1",
            ["kind"] = "MutatingWebhookConfiguration",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["webhooks"] = new JsonArray([.. webhooks]),
        };
        var (status, answer, _) = await kube.SendAsync(HttpMethod.Post, "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations", body.ToJsonString());
        Assert.True(status == 201, $"creating webhook configuration {name}: expected 201, got {status}: {answer}");
    }
}
