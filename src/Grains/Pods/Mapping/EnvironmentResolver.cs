using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;
using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// A container's environment as the kubelet builds it (kubelet_pods.go makeEnvironmentVariables): Service variables
/// from the context first, then envFrom in order with its prefix; then env, each value expanded with <c>$(VAR)</c> from what came before; later names
/// override earlier ones. ConfigMap and Secret values come from <see cref="PodInputs"/>; a missing required one is a
/// <see cref="MissingInput"/>, a missing optional one is skipped. Status fields go to ECI as <c>FieldRef</c>.
/// </summary>
internal static partial class EnvironmentResolver
{
    /// <summary>ECI's key rule: 1–128 of <c>[A-Za-z0-9_]</c>, not starting with a digit (eci-openapi.md §3.1).</summary>
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex EciKey();

    /// <summary>The environment in order, and the plain values by name for expanding command and args.</summary>
    public static (IReadOnlyList<EnvironmentVariable> Variables, IReadOnlyDictionary<string, string> Values)? Resolve(
        MappingScope scope, V1Container container, string where)
    {
        var variables = new List<EnvironmentVariable>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var invalidNames = new List<string>();
        IEnumerable<KeyValuePair<string, string>> services = scope.Context.KubernetesServiceEnvironment
            .Concat(scope.Spec.EnableServiceLinks == false ? [] : scope.Context.NamespaceServiceEnvironment);
        foreach ((string name, string value) in services)
        {
            Set(variables, values, new EnvironmentVariable { Key = name, Value = value });
        }

        foreach (V1EnvFromSource source in container.EnvFrom ?? [])
        {
            IEnumerable<KeyValuePair<string, string>>? pairs = EnvFrom(scope, source, where);
            foreach ((string key, string value) in pairs ?? [])
            {
                string name = (source.Prefix ?? "") + key;
                if (EciKey().IsMatch(name))
                {
                    Set(variables, values, new EnvironmentVariable { Key = name, Value = value });
                }
                else
                {
                    invalidNames.Add(name);
                }
            }
        }

        if (invalidNames.Count > 0)
        {
            scope.Note($"{where}: envFrom keys skipped because ECI accepts only [A-Za-z_][A-Za-z0-9_]* names: {string.Join(", ", invalidNames)}.");
        }

        foreach (V1EnvVar env in container.Env ?? [])
        {
            if (!EciKey().IsMatch(env.Name))
            {
                scope.Note($"{where}: env \"{env.Name}\" skipped because ECI accepts only [A-Za-z_][A-Za-z0-9_]* names of up to 128 characters.");
                continue;
            }

            EnvironmentVariable? variable = env.ValueFrom is null
                ? new EnvironmentVariable { Key = env.Name, Value = Expand(env.Value ?? "", values) }
                : ValueFrom(scope, container, env, $"{where} env {env.Name}");
            if (variable is not null)
            {
                Set(variables, values, variable);
            }
        }

        return scope.Failed ? null : (variables, values);
    }

    /// <summary>
    /// Kubernetes <c>$(VAR)</c> expansion (third_party/forked/golang/expansion): <c>$$</c> escapes, an undefined
    /// reference stays as written.
    /// </summary>
    public static string Expand(string input, IReadOnlyDictionary<string, string> values)
    {
        if (!input.Contains('$', StringComparison.Ordinal))
        {
            return input;
        }

        var output = new StringBuilder(input.Length);
        int i = 0;
        while (i < input.Length)
        {
            if (input[i] != '$' || i + 1 >= input.Length)
            {
                output.Append(input[i++]);
                continue;
            }

            char next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i += 2;
            }
            else if (next == '(' && input.IndexOf(')', i + 2) is int close and >= 0)
            {
                string name = input[(i + 2)..close];
                output.Append(values.TryGetValue(name, out string? value) ? value : $"$({name})");
                i = close + 1;
            }
            else
            {
                output.Append('$').Append(next);
                i += 2;
            }
        }

        return output.ToString();
    }

    private static void Set(List<EnvironmentVariable> variables, Dictionary<string, string> values, EnvironmentVariable variable)
    {
        int existing = variables.FindIndex(v => v.Key == variable.Key);
        if (existing >= 0)
        {
            variables[existing] = variable;
        }
        else
        {
            variables.Add(variable);
        }

        if (variable.Value is not null)
        {
            values[variable.Key] = variable.Value;
        }
        else
        {
            values.Remove(variable.Key);
        }
    }

    private static EnvironmentVariable? ValueFrom(MappingScope scope, V1Container container, V1EnvVar env, string where)
    {
        V1EnvVarSource from = env.ValueFrom;
        if (from.FieldRef is { } field)
        {
            (string? Value, string? EciPath)? resolved = DownwardApi.ForEnvironment(scope, field.FieldPath, where);
            return resolved is not { } r ? null
                : r.EciPath is not null ? new EnvironmentVariable { Key = env.Name, FieldRef = new FieldReference(r.EciPath) }
                : new EnvironmentVariable { Key = env.Name, Value = r.Value };
        }

        if (from.ResourceFieldRef is { } resource)
        {
            V1Container target = resource.ContainerName is { Length: > 0 } name
                ? AllContainers(scope.Spec).FirstOrDefault(c => c.Name == name) ?? container
                : container;
            string? value = DownwardApi.Resource(scope, target, resource.Resource, resource.Divisor, where);
            return value is null ? null : new EnvironmentVariable { Key = env.Name, Value = value };
        }

        if (from.ConfigMapKeyRef is { } cmRef)
        {
            string? value = Lookup(scope, "configmap", cmRef.Name, cmRef.Key, cmRef.Optional == true, ConfigMapData, where);
            return value is null ? null : new EnvironmentVariable { Key = env.Name, Value = value };
        }

        if (from.SecretKeyRef is { } secretRef)
        {
            string? value = Lookup(scope, "secret", secretRef.Name, secretRef.Key, secretRef.Optional == true, SecretData, where);
            return value is null ? null : new EnvironmentVariable { Key = env.Name, Value = value };
        }

        scope.Note($"{where}: this valueFrom source is not supported on ECI; the variable is not set.");
        return null;
    }

    private static string? Lookup(
        MappingScope scope, string kind, string name, string key, bool optional,
        Func<MappingScope, string, IReadOnlyDictionary<string, string>?> data, string where)
    {
        IReadOnlyDictionary<string, string>? values = data(scope, name);
        if (values is null)
        {
            if (!optional)
            {
                scope.Missing($"{where}: {kind} \"{name}\" not found");
            }

            return null;
        }

        if (!values.TryGetValue(key, out string? value))
        {
            if (!optional)
            {
                scope.Missing($"{where}: couldn't find key {key} in {kind} {scope.Pod.Namespace()}/{name}");
            }

            return null;
        }

        return value;
    }

    private static IEnumerable<KeyValuePair<string, string>>? EnvFrom(MappingScope scope, V1EnvFromSource source, string where)
    {
        (string kind, string? name, bool optional, IReadOnlyDictionary<string, string>? data) = source switch
        {
            { ConfigMapRef: { } c } => ("configmap", c.Name, c.Optional == true, ConfigMapData(scope, c.Name)),
            { SecretRef: { } s } => ("secret", s.Name, s.Optional == true, SecretData(scope, s.Name)),
            _ => ("", null, true, null),
        };
        if (data is null && name is not null && !optional)
        {
            scope.Missing($"{where} envFrom: {kind} \"{name}\" not found");
        }

        return data?.OrderBy(p => p.Key, StringComparer.Ordinal);
    }

    internal static IReadOnlyDictionary<string, string>? ConfigMapData(MappingScope scope, string name) =>
        scope.Inputs.ConfigMaps.TryGetValue(name, out V1ConfigMap? map) ? (IReadOnlyDictionary<string, string>?)(map.Data ?? new Dictionary<string, string>()).AsReadOnly() : null;

    internal static IReadOnlyDictionary<string, string>? SecretData(MappingScope scope, string name) =>
        scope.Inputs.Secrets.TryGetValue(name, out V1Secret? secret)
            ? (secret.Data ?? new Dictionary<string, byte[]>()).ToDictionary(p => p.Key, p => Encoding.UTF8.GetString(p.Value), StringComparer.Ordinal)
            : null;

    internal static IEnumerable<V1Container> AllContainers(V1PodSpec spec) => (spec.InitContainers ?? []).Concat(spec.Containers ?? []);
}
