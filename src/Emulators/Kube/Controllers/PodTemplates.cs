using System.Text.Json.Nodes;

using k8s;
using k8s.Models;

using OrleansEci.Emulators.Kube.Validation;

namespace OrleansEci.Emulators.Kube.Controllers;

/// <summary>
/// A new pod from a workload's pod template (controller.GetPodFromTemplate): the template's labels, annotations,
/// finalizers and spec, <c>generateName</c> from the controller's name, and a controller reference to the owner.
/// </summary>
internal static class PodTemplates
{
    public static JsonObject NewPod(JsonObject template, IKubernetesObject<V1ObjectMeta> owner)
    {
        var templateMeta = template["metadata"] as JsonObject;
        var meta = new JsonObject
        {
            ["generateName"] = Prefix(owner.Metadata.Name),
            ["namespace"] = owner.Metadata.NamespaceProperty,
        };
        foreach (var field in new[] { "labels", "annotations", "finalizers" })
        {
            if (templateMeta?[field] is { } value)
            {
                meta[field] = value.DeepClone();
            }
        }

        meta["ownerReferences"] = new JsonArray(OwnerReferences.ControllerRef(owner));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = meta,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>getPodsPrefix: the controller's name and a dash, unless that is not a valid name prefix.</summary>
    private static string Prefix(string controllerName)
    {
        var prefix = controllerName + "-";
        return NameValidation.Dns1123Subdomain(prefix + "x").Count == 0 ? prefix : controllerName;
    }
}
