using k8s.Models;

namespace OrleansEci.KubeletApi.Tests.Support;

/// <summary>Pods as users write them, for the webhook's tests.</summary>
public static class PodFixtures
{
    public const string Namespace = "team-a";

    public static V1Pod Pod(string name = "web-0", Dictionary<string, string>? labels = null, Dictionary<string, string>? annotations = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = labels, Annotations = annotations },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "registry.example.com/web:1.4.2" }] },
    };

    /// <summary>A label map from "key=value" pairs.</summary>
    public static Dictionary<string, string> Labels(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> NoLabels { get; } = new Dictionary<string, string>();
}
