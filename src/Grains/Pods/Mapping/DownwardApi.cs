using System.Globalization;
using System.Text;
using k8s.Models;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// The downward API as the kubelet resolves it (pkg/fieldpath, pkg/api/v1/resource): pod fields for env and volume
/// files, container resources with a divisor. Status fields are left to ECI, which fills <c>FieldRef.FieldPath</c>
/// itself (eci-openapi.md §3.1, <c>EnvironmentVar.N.FieldRef.FieldPath</c> e.g. <c>status.podIP</c>).
/// </summary>
internal static class DownwardApi
{
    /// <summary>The status fields ECI fills in an environment variable.</summary>
    private static readonly HashSet<string> EciFieldPaths = ["status.podIP", "status.podIPs", "status.hostIP", "status.hostIPs"];

    /// <summary>
    /// Resolves a field for an environment variable: the value, or (<c>null</c>, path) when ECI fills it. Null when the
    /// path is not one Kubernetes allows (the failure is recorded).
    /// </summary>
    public static (string? Value, string? EciPath)? ForEnvironment(MappingScope scope, string fieldPath, string where)
    {
        if (EciFieldPaths.Contains(fieldPath))
        {
            return (null, fieldPath);
        }

        string? value = PodField(scope, fieldPath, allowWholeMaps: false);
        if (value is null)
        {
            scope.Unsupported(MappingReasons.InvalidSpec, $"{where}: fieldRef.fieldPath \"{fieldPath}\" is not a supported downward API field for env (use metadata.name, metadata.namespace, metadata.uid, metadata.labels['key'], metadata.annotations['key'], spec.nodeName, spec.serviceAccountName, status.podIP, status.podIPs, status.hostIP or status.hostIPs).");
            return null;
        }

        return (value, null);
    }

    /// <summary>Resolves a field for a downwardAPI volume file; null (failure recorded) when not allowed there.</summary>
    public static string? ForVolume(MappingScope scope, string fieldPath, string where)
    {
        string? value = PodField(scope, fieldPath, allowWholeMaps: true);
        if (value is null)
        {
            scope.Unsupported(MappingReasons.InvalidSpec, $"{where}: fieldRef.fieldPath \"{fieldPath}\" is not supported in a downwardAPI volume (use metadata.name, metadata.namespace, metadata.uid, metadata.labels, metadata.annotations or one key of them; status fields are not known when the files are written).");
        }

        return value;
    }

    /// <summary>
    /// A container resource (<c>limits.cpu</c>, <c>requests.memory</c>, ...) divided by <paramref name="divisor"/> and
    /// rounded up, as the kubelet does. An unset limit falls back to the request and then to ECI's default per
    /// container (1 vCPU, 2 GiB); the kubelet would use the node's allocatable, which a virtual node does not have.
    /// </summary>
    public static string? Resource(MappingScope scope, V1Container container, string resource, ResourceQuantity? divisor, string where)
    {
        string[] parts = resource.Split('.', 2);
        if (parts.Length != 2 || parts[0] is not ("limits" or "requests") || parts[1] is not ("cpu" or "memory" or "ephemeral-storage"))
        {
            scope.Unsupported(MappingReasons.InvalidSpec, $"{where}: resourceFieldRef.resource \"{resource}\" is not supported (use limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory or requests.ephemeral-storage).");
            return null;
        }

        decimal div = divisor?.ToDecimal() ?? 1m;
        if (div <= 0)
        {
            scope.Unsupported(MappingReasons.InvalidSpec, $"{where}: resourceFieldRef.divisor \"{divisor}\" must be greater than zero.");
            return null;
        }

        decimal value = Amount(container.Resources, parts[0], parts[1]);
        if (parts[1] == "cpu")
        {
            // The kubelet divides milli-values: ceil(cpu.MilliValue / divisor.MilliValue).
            return ((long)Math.Ceiling(Math.Ceiling(value * 1000m) / Math.Ceiling(div * 1000m))).ToString(CultureInfo.InvariantCulture);
        }

        return ((long)Math.Ceiling(Math.Ceiling(value) / Math.Ceiling(div))).ToString(CultureInfo.InvariantCulture);
    }

    private static decimal Amount(V1ResourceRequirements? resources, string kind, string name)
    {
        ResourceQuantity? request = resources?.Requests?.TryGetValue(name, out ResourceQuantity? r) == true ? r : null;
        ResourceQuantity? limit = resources?.Limits?.TryGetValue(name, out ResourceQuantity? l) == true ? l : null;
        if (kind == "requests")
        {
            // The API server defaults an unset request to the limit.
            return (request ?? limit)?.ToDecimal() ?? 0m;
        }

        return (limit ?? request)?.ToDecimal() ?? name switch
        {
            "cpu" => 1m,
            "memory" => 2m * 1024 * 1024 * 1024,
            _ => 30m * 1024 * 1024 * 1024,
        };
    }

    private static string? PodField(MappingScope scope, string fieldPath, bool allowWholeMaps)
    {
        V1ObjectMeta meta = scope.Pod.Metadata;
        switch (fieldPath)
        {
            case "metadata.name": return meta.Name ?? "";
            case "metadata.namespace": return meta.NamespaceProperty ?? "";
            case "metadata.uid": return meta.Uid ?? "";
            case "spec.nodeName": return scope.Spec.NodeName ?? scope.Context.NodeName;
            case "spec.serviceAccountName": return scope.Spec.ServiceAccountName ?? "";
            case "metadata.labels" when allowWholeMaps: return FormatMap(meta.Labels);
            case "metadata.annotations" when allowWholeMaps: return FormatMap(meta.Annotations);
            default: break;
        }

        return MapKey(fieldPath, "metadata.labels", meta.Labels) ?? MapKey(fieldPath, "metadata.annotations", meta.Annotations);
    }

    /// <summary><c>metadata.labels['key']</c> (or with double quotes): the value, empty when absent, as the kubelet does.</summary>
    private static string? MapKey(string fieldPath, string prefix, IDictionary<string, string>? map)
    {
        if (!fieldPath.StartsWith(prefix + "[", StringComparison.Ordinal) || !fieldPath.EndsWith(']'))
        {
            return null;
        }

        string quoted = fieldPath[(prefix.Length + 1)..^1];
        if (quoted.Length < 2 || quoted[0] != quoted[^1] || quoted[0] is not ('\'' or '"'))
        {
            return null;
        }

        string key = quoted[1..^1];
        return map is not null && map.TryGetValue(key, out string? value) ? value : "";
    }

    /// <summary>The kubelet's FormatMap: <c>key="value"</c> lines sorted by key, Go-quoted, no trailing newline.</summary>
    private static string FormatMap(IDictionary<string, string>? map)
    {
        if (map is null || map.Count == 0)
        {
            return "";
        }

        var builder = new StringBuilder();
        foreach (string key in map.Keys.Order(StringComparer.Ordinal))
        {
            builder.Append(key).Append("=\"");
            foreach (char c in map[key])
            {
                builder.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => c.ToString(),
                });
            }

            builder.Append("\"\n");
        }

        return builder.ToString().TrimEnd('\n');
    }
}
