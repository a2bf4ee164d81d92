using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

using k8s.Models;

namespace OrleansEci.Emulators.Kube.OpenApi;

/// <summary>
/// The KubernetesClient model classes seen as OpenAPI definitions: kinds by group/version/kind (their
/// <see cref="KubernetesEntityAttribute"/>), and each model's definition name in kube-apiserver's form
/// (<c>io.k8s.api.core.v1.Pod</c>, <c>io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta</c>). The C# class names drop the
/// Go package (<c>V1Container</c>), so a nested type takes the group of the first kind that reaches it, walking the
/// core group's kinds first (so <c>PodTemplateSpec</c> is core, not apps); metav1 types are recognised by name.
/// Built once per process, by reflection.
/// </summary>
public static partial class ModelCatalog
{
    private const string MetaPackage = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    /// <summary>Types of k8s.io/apimachinery/pkg/apis/meta/v1 that KubernetesClient names <c>V1Xxx</c>.</summary>
    private static readonly FrozenSet<string> MetaTypes = FrozenSet.ToFrozenSet(
    [
        "APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "Condition", "DeleteOptions", "FieldSelectorRequirement",
        "FieldsV1", "GroupVersionForDiscovery", "LabelSelector", "LabelSelectorRequirement", "ListMeta", "ManagedFieldsEntry", "MicroTime",
        "ObjectMeta", "OwnerReference", "Patch", "Preconditions", "ServerAddressByClientCIDR", "Status", "StatusCause", "StatusDetails",
        "Time", "WatchEvent",
    ], StringComparer.Ordinal);

    /// <summary>The metrics.k8s.io types, which the client names without a version (k8s.io/metrics/pkg/apis/metrics/v1beta1).</summary>
    private static readonly FrozenSet<string> MetricsTypes = FrozenSet.ToFrozenSet(
        ["ContainerMetrics", "NodeMetrics", "NodeMetricsList", "PodMetrics", "PodMetricsList"], StringComparer.Ordinal);

    private static readonly Lazy<Catalog> Instance = new(Build);

    /// <summary>The model class of a kind, e.g. (<c>apps</c>, <c>v1</c>, <c>Deployment</c>) → <see cref="V1Deployment"/>.</summary>
    public static Type? FindKind(string group, string version, string kind) => Instance.Value.Kinds.GetValueOrDefault((group, version, kind));

    /// <summary>The list class of a kind's model (<see cref="V1Pod"/> → <see cref="V1PodList"/>), if the client has one.</summary>
    public static Type? ListOf(Type model) => model.Assembly.GetType($"{model.FullName}List");

    /// <summary>The definition name of a model class (or of Quantity and IntOrString).</summary>
    public static string NameOf(Type model) =>
        Instance.Value.Names.TryGetValue(model, out var name) ? name : Compute(model, "core");

    /// <summary>The KubernetesClient model classes (<c>k8s.Models</c>) that are objects with JSON properties.</summary>
    public static bool IsModel(Type type) =>
        type.IsClass && type.Namespace == "k8s.Models" && type != typeof(ResourceQuantity) && type != typeof(IntOrString);

    /// <summary>The JSON properties of a model class, in declaration order.</summary>
    public static IEnumerable<(string Name, PropertyInfo Property)> Properties(Type model)
    {
        foreach (var property in model.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is { } name)
            {
                yield return (name.Name, property);
            }
        }
    }

    /// <summary>The element type of a list, the value type of a map, or the type itself (unwrapping Nullable).</summary>
    public static Type Unwrap(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(byte[]) || !type.IsGenericType)
        {
            return type;
        }

        var arguments = type.GetGenericArguments();
        return Unwrap(arguments[^1]);
    }

    private static Catalog Build()
    {
        var entities = typeof(V1Pod).Assembly.GetTypes()
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(e => e.Entity is not null && IsModel(e.Type))
            .OrderBy(e => e.Entity!.Group.Length == 0 ? 0 : 1).ThenBy(e => e.Entity!.Group, StringComparer.Ordinal).ThenBy(e => e.Type.Name, StringComparer.Ordinal)
            .ToList();
        var kinds = new Dictionary<(string, string, string), Type>();
        var names = new Dictionary<Type, string>();
        foreach (var (type, entity) in entities)
        {
            kinds.TryAdd((entity!.Group, entity.ApiVersion, entity.Kind), type);
            Assign(type, Package(entity.Group), names);
        }

        return new Catalog(kinds.ToFrozenDictionary(), names.ToFrozenDictionary());
    }

    private static void Assign(Type type, string package, Dictionary<Type, string> names)
    {
        if (!IsModel(type) || names.ContainsKey(type))
        {
            return;
        }

        names[type] = Compute(type, package);
        foreach (var (_, property) in Properties(type))
        {
            Assign(Unwrap(property.PropertyType), package, names);
        }
    }

    private static string Compute(Type type, string package)
    {
        if (type == typeof(ResourceQuantity))
        {
            return "io.k8s.apimachinery.pkg.api.resource.Quantity";
        }

        if (type == typeof(IntOrString))
        {
            return "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
        }

        if (MetricsTypes.Contains(type.Name))
        {
            return $"io.k8s.metrics.pkg.apis.metrics.v1beta1.{type.Name}";
        }

        if (VersionPrefix().Match(type.Name) is { Success: true } plain)
        {
            var (version, name) = ("v" + plain.Groups[1].Value, plain.Groups[2].Value);
            return version == "v1" && MetaTypes.Contains(name) ? MetaPackage + name : $"io.k8s.api.{package}.{version}.{name}";
        }

        // Names the client disambiguates with their group: Corev1Event, Eventsv1Event, Admissionregistrationv1ServiceReference.
        return GroupPrefix().Match(type.Name) is { Success: true } qualified
            ? $"io.k8s.api.{qualified.Groups[1].Value.ToLowerInvariant()}.{qualified.Groups[2].Value}.{qualified.Groups[3].Value}"
            : $"io.k8s.api.{package}.{type.Name}";
    }

    /// <summary>The Go package of a group: core for "", else its first DNS label (apps, batch, coordination, events, ...).</summary>
    private static string Package(string group) => group.Length == 0 ? "core" : group.Split('.')[0];

    [GeneratedRegex(@"^V(\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$")]
    private static partial Regex VersionPrefix();

    [GeneratedRegex(@"^([A-Z][a-z]+)(v\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$")]
    private static partial Regex GroupPrefix();

    private sealed record Catalog(FrozenDictionary<(string, string, string), Type> Kinds, FrozenDictionary<Type, string> Names);
}
