using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Admission;

/// <summary>
/// Builds the JSON Patch that steers a pod to the virtual nodes. Only adds; anything the pod already has is kept, and
/// applying the patch and building it again gives no operations (the webhook may be called more than once per pod:
/// vk-webhook mirrors several selectors).
/// </summary>
internal sealed class PodPatchBuilder(V1Pod pod, AdmissionOptions options)
{
    private readonly List<JsonPatchOperation> _operations = [];

    public IReadOnlyList<JsonPatchOperation> Operations => _operations;

    /// <summary>Adds the virtual-node nodeSelector; returns why it cannot when the pod selects another value.</summary>
    public string? RequireVirtualNode()
    {
        string key = options.VirtualNodeLabelKey;
        if (pod.Spec.NodeSelector is not { } nodeSelector)
        {
            _operations.Add(JsonPatchOperation.Add("/spec/nodeSelector", new JsonObject { [key] = options.VirtualNodeLabelValue }));
            return null;
        }

        if (!nodeSelector.TryGetValue(key, out string? existing))
        {
            _operations.Add(JsonPatchOperation.Add($"/spec/nodeSelector/{JsonPatchOperation.Escape(key)}", options.VirtualNodeLabelValue));
            return null;
        }

        return existing == options.VirtualNodeLabelValue
            ? null
            : $"its nodeSelector {key}={existing} selects other nodes; remove that entry, or remove the route";
    }

    /// <summary>Adds the preferred affinity to regular nodes (burst route <c>eci</c>) unless the pod has it already.</summary>
    public void PreferRegularNodes()
    {
        var term = new V1PreferredSchedulingTerm
        {
            Weight = options.BurstPreferenceWeight,
            Preference = new V1NodeSelectorTerm
            {
                MatchExpressions = [new V1NodeSelectorRequirement { Key = options.VirtualNodeLabelKey, OperatorProperty = "NotIn", Values = [options.VirtualNodeLabelValue] }],
            },
        };
        V1Affinity? affinity = pod.Spec.Affinity;
        IList<V1PreferredSchedulingTerm>? preferred = affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
        if (preferred?.Any(IsRegularNodePreference) == true)
        {
            return;
        }

        if (affinity is null)
        {
            _operations.Add(JsonPatchOperation.Add("/spec/affinity", Node(new V1Affinity { NodeAffinity = new V1NodeAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [term] } })));
        }
        else if (affinity.NodeAffinity is null)
        {
            _operations.Add(JsonPatchOperation.Add("/spec/affinity/nodeAffinity", Node(new V1NodeAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [term] })));
        }
        else if (preferred is null)
        {
            _operations.Add(JsonPatchOperation.Add("/spec/affinity/nodeAffinity/preferredDuringSchedulingIgnoredDuringExecution", new JsonArray(Node(term))));
        }
        else
        {
            _operations.Add(JsonPatchOperation.Add("/spec/affinity/nodeAffinity/preferredDuringSchedulingIgnoredDuringExecution/-", Node(term)));
        }
    }

    /// <summary>Adds a toleration of the virtual nodes' taint unless one of the pod's tolerations already tolerates it.</summary>
    public void TolerateVirtualNodes()
    {
        if (pod.Spec.Tolerations?.Any(Tolerates) == true)
        {
            return;
        }

        var toleration = new V1Toleration { Key = options.TaintKey, OperatorProperty = "Exists", Effect = options.TaintEffect };
        _operations.Add(pod.Spec.Tolerations is null
            ? JsonPatchOperation.Add("/spec/tolerations", new JsonArray(Node(toleration)))
            : JsonPatchOperation.Add("/spec/tolerations/-", Node(toleration)));
    }

    /// <summary>Adds the selectors' annotations and labels the pod lacks; the pod's own values and earlier selectors win.</summary>
    public void ApplyEffects(IReadOnlyList<ProfileSelector> selectors)
    {
        AddMissing("annotations", pod.Metadata.Annotations, selectors.Select(s => s.Effect.Annotations));
        AddMissing("labels", pod.Metadata.Labels, selectors.Select(s => s.Effect.Labels));
    }

    private void AddMissing(string field, IDictionary<string, string>? existing, IEnumerable<IReadOnlyDictionary<string, string>> effects)
    {
        Dictionary<string, string> added = new(StringComparer.Ordinal);
        foreach (IReadOnlyDictionary<string, string> effect in effects)
        {
            foreach ((string key, string value) in effect)
            {
                if (existing?.ContainsKey(key) != true)
                {
                    added.TryAdd(key, value);
                }
            }
        }

        if (added.Count == 0)
        {
            return;
        }

        if (existing is null)
        {
            var map = new JsonObject();
            foreach ((string key, string value) in added)
            {
                map[key] = value;
            }

            _operations.Add(JsonPatchOperation.Add($"/metadata/{field}", map));
            return;
        }

        foreach ((string key, string value) in added)
        {
            _operations.Add(JsonPatchOperation.Add($"/metadata/{field}/{JsonPatchOperation.Escape(key)}", value));
        }
    }

    /// <summary>Kubernetes' toleration rule (k8s.io/api core/v1 toleration.go ToleratesTaint) for the virtual nodes' taint.</summary>
    private bool Tolerates(V1Toleration toleration)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != options.TaintEffect)
        {
            return false;
        }

        if (string.IsNullOrEmpty(toleration.Key))
        {
            return toleration.OperatorProperty == "Exists";
        }

        return toleration.Key == options.TaintKey && toleration.OperatorProperty switch
        {
            "Exists" => true,
            null or "" or "Equal" => (toleration.Value ?? "") == options.TaintValue,
            _ => false,
        };
    }

    private bool IsRegularNodePreference(V1PreferredSchedulingTerm term) =>
        term.Preference?.MatchExpressions?.Any(e => e.Key == options.VirtualNodeLabelKey && e.OperatorProperty == "NotIn" && e.Values?.Contains(options.VirtualNodeLabelValue) == true) == true;

    private static JsonNode? Node<T>(T value) => JsonNode.Parse(KubernetesJson.Serialize(value));
}
