using k8s.Models;

namespace OrleansEci.Emulators.Kube.Tests.Support;

/// <summary>Small valid objects for tests.</summary>
public static class Manifests
{
    public static V1Pod Pod(string name, string? node = null, IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1PodSpec
        {
            NodeName = node,
            Containers = [new V1Container { Name = "app", Image = "nginx:1.27" }],
        },
    };

    public static V1Deployment Deployment(string name, int replicas = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "nginx:1.27" }] },
            },
        },
    };

    public static string PodJson(string name, string? node = null)
    {
        var nodeField = node is null ? "" : $"\"nodeName\":\"{node}\",";
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + nodeField
            + "\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.27\"}]}}";
    }
}
