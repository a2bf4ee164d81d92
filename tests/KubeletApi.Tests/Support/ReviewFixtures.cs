using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OrleansEci.KubeletApi.Admission;

namespace OrleansEci.KubeletApi.Tests.Support;

/// <summary>
/// AdmissionReview v1 requests built on the shared round-trip fixture (every field populated), with the pod serialized
/// by the official KubernetesClient models, and readers for the webhook's answers.
/// </summary>
public static class ReviewFixtures
{
    public const string Uid = "705ab4f5-6393-11e8-b7cc-42010a800002";

    /// <summary>The shared fixture as it is: a review of a CustomType, with every request field set.</summary>
    public static string SharedFixture() => SharedFolder.Fixture("admission.k8s.io.v1.AdmissionReview.json");

    public static JsonObject PodReview(V1Pod pod, string operation = "CREATE", string? namespaceName = PodFixtures.Namespace)
    {
        JsonObject review = JsonNode.Parse(SharedFixture())!.AsObject();
        review.Remove("response");
        JsonObject request = review["request"]!.AsObject();
        request["uid"] = Uid;
        request["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" };
        request["requestKind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" };
        request["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" };
        request["requestResource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" };
        request.Remove("subResource");
        request.Remove("requestSubResource");
        request["name"] = pod.Metadata?.Name;
        request["namespace"] = namespaceName;
        request["operation"] = operation;
        request["dryRun"] = false;
        request["object"] = JsonNode.Parse(KubernetesJson.Serialize(pod));
        request["oldObject"] = null;
        request["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = "CreateOptions" };
        return review;
    }

    public static ReadOnlyMemory<byte> Bytes(JsonNode review) => JsonSerializer.SerializeToUtf8Bytes(review);

    /// <summary>The webhook's answer, read as the API server reads it.</summary>
    public sealed record Answer(string Uid, bool Allowed, string? PatchType, IReadOnlyList<JsonPatchOperation> Patch, int? Code, string? Message, IReadOnlyList<string> Warnings);

    public static Answer Read(ReadOnlySpan<byte> body)
    {
        JsonNode review = JsonNode.Parse(body)!;
        Assert.Equal("admission.k8s.io/v1", (string?)review["apiVersion"]);
        Assert.Equal("AdmissionReview", (string?)review["kind"]);
        JsonNode response = review["response"] ?? throw new InvalidOperationException($"Expected an AdmissionReview with a response, got {review.ToJsonString()}");
        List<JsonPatchOperation> patch = [];
        if ((string?)response["patch"] is { } base64)
        {
            foreach (JsonNode? op in JsonNode.Parse(Convert.FromBase64String(base64))!.AsArray())
            {
                patch.Add(new JsonPatchOperation((string)op!["op"]!, (string)op["path"]!, op["value"]?.DeepClone()));
            }
        }

        return new Answer(
            (string)response["uid"]!,
            (bool)response["allowed"]!,
            (string?)response["patchType"],
            patch,
            (int?)response["status"]?["code"],
            (string?)response["status"]?["message"],
            response["warnings"]?.AsArray().Select(w => (string)w!).ToList() ?? []);
    }
}
