using System.Text;
using k8s.Models;
using OrleansEci.Grains.Pods.Mapping;

namespace OrleansEci.Grains.Tests.Pods.Mapping;

/// <summary>Small real pods, inputs and the node context the mapping tests share.</summary>
internal static class PodFixtures
{
    public static MappingContext Context { get; } = new(
        ClusterId: "c-test",
        NodeName: "virtual-kubelet-cn-beijing-e",
        RegionId: "cn-beijing",
        VSwitchIds: ["vsw-node"],
        SecurityGroupId: "sg-node",
        ResourceGroupId: null,
        ZoneId: null,
        ContainerGroupName: "default-web",
        ClientToken: "token-uid-1");

    /// <summary>A pod named <paramref name="name"/> in <c>default</c> with one nginx container.</summary>
    public static V1Pod Simple(string name = "web", V1Container? container = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "default",
            Uid = "uid-1",
            Labels = new Dictionary<string, string> { ["app"] = "web" },
            Annotations = new Dictionary<string, string>(),
        },
        Spec = new V1PodSpec
        {
            NodeName = "virtual-kubelet-cn-beijing-e",
            ServiceAccountName = "default",
            Containers = [container ?? Container("app")],
        },
    };

    public static V1Container Container(string name, string image = "nginx:1.27") => new() { Name = name, Image = image };

    public static V1Pod Annotated(string annotation, string value)
    {
        V1Pod pod = Simple();
        pod.Metadata.Annotations[annotation] = value;
        return pod;
    }

    public static V1ConfigMap ConfigMap(string name, params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Data = data.ToDictionary(d => d.Key, d => d.Value),
    };

    public static V1Secret Secret(string name, params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Data = data.ToDictionary(d => d.Key, d => Encoding.UTF8.GetBytes(d.Value)),
    };

    public static PodInputs Inputs(IEnumerable<V1ConfigMap>? configMaps = null, IEnumerable<V1Secret>? secrets = null, IDictionary<ServiceAccountTokenSource, string>? tokens = null) => new()
    {
        ConfigMaps = (configMaps ?? []).ToDictionary(c => c.Metadata.Name),
        Secrets = (secrets ?? []).ToDictionary(s => s.Metadata.Name),
        Tokens = tokens is null ? new Dictionary<ServiceAccountTokenSource, string>() : new Dictionary<ServiceAccountTokenSource, string>(tokens),
    };

    /// <summary>Maps and requires <see cref="Mapped"/>; the failure message names the pod and what came back instead.</summary>
    public static Mapped Map(V1Pod pod, PodInputs? inputs = null, MappingContext? context = null)
    {
        MappingResult result = PodMapper.Map(pod, inputs ?? PodInputs.None, context ?? Context);
        return result as Mapped ?? throw new Xunit.Sdk.XunitException($"Pod {pod.Metadata.Name}: expected Mapped, got {result}.");
    }

    /// <summary>Maps and requires a failure of type <typeparamref name="T"/>.</summary>
    public static T Fail<T>(V1Pod pod, PodInputs? inputs = null)
        where T : MappingResult
    {
        MappingResult result = PodMapper.Map(pod, inputs ?? PodInputs.None, Context);
        return result as T ?? throw new Xunit.Sdk.XunitException($"Pod {pod.Metadata.Name}: expected {typeof(T).Name}, got {result}.");
    }

    public static string Decode(string? base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64 ?? ""));
}
