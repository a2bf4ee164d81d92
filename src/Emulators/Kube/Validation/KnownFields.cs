using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OrleansEci.Emulators.Kube.Validation;

/// <summary>
/// Finds (and removes) JSON fields a kind's schema does not have. The schema is read once per type, by reflection, from
/// the KubernetesClient model classes' <see cref="JsonPropertyNameAttribute"/>s; a real server decodes into Go structs
/// and so drops unknown fields the same way (reporting them per <c>fieldValidation</c>). Paths are printed as
/// kube-apiserver prints them: <c>spec.containers[0].foo</c>.
/// </summary>
public static class KnownFields
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>?> Schemas = new();

    /// <summary>Removes unknown fields from <paramref name="obj"/> and returns their paths (empty when all are known).</summary>
    public static List<string> Prune(JsonObject obj, Type modelType)
    {
        var unknown = new List<string>();
        Walk(obj, modelType, "", unknown);
        return unknown;
    }

    /// <summary>Like <see cref="Prune"/>, for one top-level field only (e.g. <c>status</c> on a status update).</summary>
    public static List<string> PruneField(JsonObject obj, Type modelType, string field)
    {
        var unknown = new List<string>();
        if (Schema(modelType) is { } fields && fields.TryGetValue(field, out var fieldType))
        {
            Walk(obj[field], fieldType, field, unknown);
        }

        return unknown;
    }

    private static void Walk(JsonNode? node, Type type, string path, List<string> unknown)
    {
        var elementType = ElementType(type);
        if (elementType is not null)
        {
            if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], elementType, $"{path}[{i}]", unknown);
                }
            }

            return;
        }

        var valueType = DictionaryValueType(type);
        if (valueType is not null)
        {
            if (node is JsonObject map)
            {
                foreach (var (key, value) in map)
                {
                    Walk(value, valueType, $"{path}[{key}]", unknown);
                }
            }

            return;
        }

        if (node is not JsonObject obj || Schema(type) is not { } fields)
        {
            return;
        }

        List<string>? remove = null;
        foreach (var (key, value) in obj)
        {
            var child = path.Length == 0 ? key : $"{path}.{key}";
            if (fields.TryGetValue(key, out var fieldType))
            {
                Walk(value, fieldType, child, unknown);
            }
            else
            {
                unknown.Add(child);
                (remove ??= []).Add(key);
            }
        }

        foreach (var key in remove ?? [])
        {
            obj.Remove(key);
        }
    }

    private static IReadOnlyDictionary<string, Type>? Schema(Type type) =>
        Schemas.GetOrAdd(type, static t =>
        {
            if (!t.IsClass || t == typeof(string) || t.Namespace != "k8s.Models")
            {
                return null;
            }

            var fields = new Dictionary<string, Type>(StringComparer.Ordinal);
            foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is { } name)
                {
                    fields[name.Name] = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                }
            }

            return fields.Count == 0 ? null : fields;
        });

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string) || type == typeof(byte[]))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var list = type.IsGenericType && type.GetGenericTypeDefinition() is var d
            && (d == typeof(IList<>) || d == typeof(List<>) || d == typeof(IEnumerable<>) || d == typeof(ICollection<>) || d == typeof(IReadOnlyList<>))
            ? type : null;
        return list?.GetGenericArguments()[0];
    }

    private static Type? DictionaryValueType(Type type)
    {
        if (!type.IsGenericType)
        {
            return typeof(IDictionary).IsAssignableFrom(type) ? typeof(object) : null;
        }

        var d = type.GetGenericTypeDefinition();
        return d == typeof(IDictionary<,>) || d == typeof(Dictionary<,>) || d == typeof(IReadOnlyDictionary<,>)
            ? type.GetGenericArguments()[1]
            : null;
    }
}
