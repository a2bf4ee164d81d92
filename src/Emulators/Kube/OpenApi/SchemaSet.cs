using System.Reflection;
using System.Text.Json.Nodes;

using k8s.Models;

namespace OrleansEci.Emulators.Kube.OpenApi;

/// <summary>
/// The component schemas of one OpenAPI document, derived from KubernetesClient model classes: JSON property names,
/// types and formats, <c>required</c> for non-nullable value-typed properties (the only nullability the generated
/// models carry), references in kube-apiserver's <c>allOf: [{$ref}]</c> form, the list/patch markers of
/// <see cref="FieldExtensions"/>, enums of <see cref="KnownEnums"/>, and <c>x-kubernetes-group-version-kind</c> on kinds.
/// Adding a model adds everything it reaches.
/// </summary>
internal sealed class SchemaSet
{
    private const string TimeName = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    private readonly SortedDictionary<string, JsonObject> _schemas = new(StringComparer.Ordinal);
    private readonly string _refPrefix;

    /// <param name="refPrefix"><c>#/components/schemas/</c> for OpenAPI v3, <c>#/definitions/</c> for v2.</param>
    public SchemaSet(string refPrefix)
    {
        _refPrefix = refPrefix;
    }

    /// <summary><c>{"$ref": ...}</c> to a model's schema, adding it (and what it reaches) first.</summary>
    public JsonObject Ref(Type model) => new() { ["$ref"] = _refPrefix + Add(model) };

    /// <summary>A reference to a schema added by name (e.g. the metav1 Patch body).</summary>
    public JsonObject Ref(string name, Func<JsonObject> schema)
    {
        if (!_schemas.ContainsKey(name))
        {
            _schemas[name] = schema();
        }

        return new JsonObject { ["$ref"] = _refPrefix + name };
    }

    public JsonObject ToJson()
    {
        var result = new JsonObject();
        foreach (var (name, schema) in _schemas)
        {
            result[name] = schema;
        }

        return result;
    }

    private string Add(Type model)
    {
        var name = ModelCatalog.NameOf(model);
        if (_schemas.ContainsKey(name))
        {
            return name;
        }

        if (model == typeof(ResourceQuantity))
        {
            _schemas[name] = new JsonObject { ["oneOf"] = new JsonArray(Type("string"), Type("number")) };
            return name;
        }

        if (model == typeof(IntOrString))
        {
            _schemas[name] = new JsonObject { ["type"] = "string", ["format"] = "int-or-string" };
            return name;
        }

        // Registered before its properties are built, so recursive models end.
        var schema = new JsonObject { ["type"] = "object" };
        _schemas[name] = schema;
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var (field, property) in ModelCatalog.Properties(model))
        {
            properties[field] = PropertySchema(model, field, property);
            if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
            {
                required.Add(field);
            }
        }

        schema["properties"] = properties;
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        if (model.GetCustomAttribute<KubernetesEntityAttribute>() is { } entity && entity.Kind.Length > 0)
        {
            schema["x-kubernetes-group-version-kind"] = new JsonArray(
                new JsonObject { ["group"] = entity.Group, ["kind"] = entity.Kind, ["version"] = entity.ApiVersion });
        }

        return name;
    }

    private JsonObject PropertySchema(Type model, string field, PropertyInfo property)
    {
        var schema = TypeSchema(property.PropertyType);
        if (FieldExtensions.For(model, field) is { } extension)
        {
            Set(schema, "x-kubernetes-patch-strategy", extension.PatchStrategy);
            Set(schema, "x-kubernetes-patch-merge-key", extension.MergeKey);
            Set(schema, "x-kubernetes-list-type", extension.ListType);
            Set(schema, "x-kubernetes-map-type", extension.MapType);
            if (extension.ListMapKeys is { } keys)
            {
                schema["x-kubernetes-list-map-keys"] = new JsonArray([.. keys.Select(k => (JsonNode)k)]);
            }
        }

        if (KnownEnums.For(model, field) is { } values)
        {
            schema["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
        }

        return schema;
    }

    private JsonObject TypeSchema(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return Type("string");
        }

        if (type == typeof(bool))
        {
            return Type("boolean");
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = type == typeof(int) ? "int32" : "int64" };
        }

        if (type == typeof(double) || type == typeof(float))
        {
            return new JsonObject { ["type"] = "number", ["format"] = "double" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return Wrapped(Ref(TimeName, () => new JsonObject { ["type"] = "string", ["format"] = "date-time" }));
        }

        if (type == typeof(byte[]))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "byte" };
        }

        if (type.IsGenericType && type.GetGenericArguments() is var arguments)
        {
            return arguments.Length == 1
                ? new JsonObject { ["type"] = "array", ["items"] = TypeSchema(arguments[0]) }
                : new JsonObject { ["type"] = "object", ["additionalProperties"] = TypeSchema(arguments[1]) };
        }

        if (ModelCatalog.IsModel(type) || type == typeof(ResourceQuantity) || type == typeof(IntOrString))
        {
            return Wrapped(Ref(type));
        }

        // System.Object: an embedded raw object (runtime.RawExtension).
        return Type("object");
    }

    /// <summary>kube-apiserver's v3 form for a reference: <c>{"allOf":[{"$ref":...}]}</c>, where markers can sit beside it.</summary>
    private static JsonObject Wrapped(JsonObject reference) => new() { ["allOf"] = new JsonArray(reference) };

    private static JsonObject Type(string type) => new() { ["type"] = type };

    private static void Set(JsonObject schema, string name, string? value)
    {
        if (value is not null)
        {
            schema[name] = value;
        }
    }
}
