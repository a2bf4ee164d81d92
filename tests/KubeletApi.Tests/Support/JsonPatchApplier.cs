using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OrleansEci.KubeletApi.Admission;

namespace OrleansEci.KubeletApi.Tests.Support;

/// <summary>
/// Applies RFC 6902 <c>add</c> operations the way the API server does (a missing parent is an error, <c>-</c> appends,
/// an existing member is replaced), so tests see the pod the API server would store.
/// </summary>
public static class JsonPatchApplier
{
    public static V1Pod Apply(V1Pod pod, IEnumerable<JsonPatchOperation> operations)
    {
        JsonNode root = JsonNode.Parse(KubernetesJson.Serialize(pod))!;
        foreach (JsonPatchOperation operation in operations)
        {
            Assert.Equal("add", operation.Op);
            string[] tokens = [.. operation.Path.Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
            JsonNode parent = root;
            foreach (string token in tokens[..^1])
            {
                parent = (parent is JsonArray array ? array[int.Parse(token, System.Globalization.CultureInfo.InvariantCulture)] : parent[token])
                    ?? throw new InvalidOperationException($"Patch path {operation.Path}: {token} does not exist in the pod, so the API server would refuse the patch.");
            }

            JsonNode? value = operation.Value?.DeepClone();
            if (parent is JsonArray list)
            {
                Assert.Equal("-", tokens[^1]);
                list.Add(value);
            }
            else
            {
                parent.AsObject()[tokens[^1]] = value;
            }
        }

        return KubernetesJson.Deserialize<V1Pod>(root.ToJsonString());
    }
}
