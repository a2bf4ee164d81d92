using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Validation;

namespace OrleansEci.Emulators.Kube.Pods;

/// <summary>
/// The pod spec checks of pkg/apis/core/validation/validation.go that clients trip over most: containers present and
/// named (DNS-1123 labels, unique), images set, restartPolicy and dnsPolicy values. Used for pods and pod templates.
/// </summary>
public static class PodValidation
{
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];

    public static void ValidateSpec(JsonObject? spec, string path, List<StatusCause> causes)
    {
        if (spec is null)
        {
            causes.Add(StatusCause.Required(path));
            return;
        }

        if (spec["containers"] is not JsonArray { Count: > 0 } containers)
        {
            causes.Add(StatusCause.Required($"{path}.containers"));
        }
        else
        {
            ValidateContainers(containers, $"{path}.containers", causes);
        }

        if (spec["initContainers"] is JsonArray init)
        {
            ValidateContainers(init, $"{path}.initContainers", causes);
        }

        var restart = KubeJson.GetString(spec, "restartPolicy");
        if (restart is not null && !RestartPolicies.Contains(restart))
        {
            causes.Add(StatusCause.NotSupported($"{path}.restartPolicy", restart, RestartPolicies));
        }

        var dns = KubeJson.GetString(spec, "dnsPolicy");
        if (dns is not null && !DnsPolicies.Contains(dns))
        {
            causes.Add(StatusCause.NotSupported($"{path}.dnsPolicy", dns, DnsPolicies));
        }
    }

    private static void ValidateContainers(JsonArray containers, string path, List<StatusCause> causes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (containers[i] is not JsonObject container)
            {
                causes.Add(StatusCause.Invalid(at, containers[i]?.ToJsonString(), "must be an object"));
                continue;
            }

            var name = KubeJson.GetString(container, "name");
            if (string.IsNullOrEmpty(name))
            {
                causes.Add(StatusCause.Required($"{at}.name"));
            }
            else
            {
                foreach (var problem in NameValidation.Dns1123Label(name))
                {
                    causes.Add(StatusCause.Invalid($"{at}.name", name, problem));
                }

                if (!names.Add(name))
                {
                    causes.Add(StatusCause.Duplicate($"{at}.name", name));
                }
            }

            if (string.IsNullOrWhiteSpace(KubeJson.GetString(container, "image")))
            {
                causes.Add(StatusCause.Required($"{at}.image"));
            }
        }
    }
}
