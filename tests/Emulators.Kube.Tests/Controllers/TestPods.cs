using k8s.Models;

namespace OrleansEci.Emulators.Kube.Tests.Controllers;

/// <summary>Small pods and workloads for controller tests.</summary>
public static class TestPods
{
    public static V1Pod Pod(string name, string? cpu = null, string? memory = null, string? node = null)
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            requests["cpu"] = new ResourceQuantity(cpu);
        }

        if (memory is not null)
        {
            requests["memory"] = new ResourceQuantity(memory);
        }

        return new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec
            {
                NodeName = node,
                Containers = [new V1Container { Name = "app", Image = "nginx:1.27", Resources = new V1ResourceRequirements { Requests = requests } }],
            },
        };
    }

    public static V1NodeSelectorRequirement Requirement(string key, string op, params string[] values) =>
        new() { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values };

    public static V1NodeSelectorTerm Term(params V1NodeSelectorRequirement[] expressions) => new() { MatchExpressions = expressions };

    public static V1NodeSelectorTerm FieldTerm(params V1NodeSelectorRequirement[] fields) => new() { MatchFields = fields };

    public static V1NodeSelector Required(params V1NodeSelectorTerm[] terms) => new() { NodeSelectorTerms = terms };
}
