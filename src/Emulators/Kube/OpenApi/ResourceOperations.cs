using System.Text.Json.Nodes;

using k8s.Models;

using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.OpenApi;

/// <summary>
/// The OpenAPI v3 paths of one resource type, shaped like kube-apiserver's (k8s.io/apiserver/pkg/endpoints/installer.go):
/// the collection (list, create, deletecollection), the object (read, replace, patch, delete), the all-namespaces list,
/// and each subresource, as its verbs allow. Every operation names its kind in <c>x-kubernetes-group-version-kind</c>;
/// every PATCH takes <c>fieldValidation</c> and strategic merge patch, which is what kubectl looks for before it lets
/// the server validate fields and before it computes an apply patch from the document's schemas.
/// </summary>
internal sealed class ResourceOperations
{
    // Server-side apply (application/apply-patch+yaml) is not offered: the server answers it with 415.
    private static readonly string[] PatchTypes = ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"];
    private static readonly string[] Documents = ["application/json", "application/yaml"];
    private static readonly string[] JsonOnly = ["application/json"];
    private const string PatchSchemaName = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    private readonly ResourceType _type;
    private readonly SchemaSet _schemas;
    private readonly string _groupVersion;
    private readonly string _scope;
    private readonly string _tag;

    public ResourceOperations(ResourceType type, SchemaSet schemas)
    {
        _type = type;
        _schemas = schemas;
        var group = type.Group.Length == 0 ? "Core" : Pascal(type.Group.Split('.')[0]);
        _groupVersion = group + Pascal(type.Version);
        _scope = type.Namespaced ? "Namespaced" : "";
        _tag = $"{(type.Group.Length == 0 ? "core" : type.Group.Split('.')[0])}_{type.Version}";
    }

    public void AddTo(IDictionary<string, JsonObject> paths)
    {
        var prefix = _type.Group.Length == 0 ? $"/api/{_type.Version}" : $"/apis/{_type.Group}/{_type.Version}";
        var collection = _type.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{_type.Plural}" : $"{prefix}/{_type.Plural}";
        var model = _type.ModelType ?? ModelCatalog.FindKind(_type.Group, _type.Version, _type.Kind);
        var gvk = Gvk(_type.Group, _type.Version, _type.Kind);
        var verbs = _type.Verbs.ToHashSet(StringComparer.Ordinal);

        var list = PathItem(withName: false);
        Add(list, "get", verbs.Contains("list"), Operation("list", $"list or watch objects of kind {_type.Kind}", "list", gvk, OpenApiParameters.List(), Ok(ListSchema(model))));
        Add(list, "post", verbs.Contains("create"), Operation("create", $"create a {_type.Kind}", "post", gvk, OpenApiParameters.Write(false),
            Written(Schema(model)), Body(Documents, Schema(model))));
        Add(list, "delete", verbs.Contains("deletecollection"), Operation("deleteCollection", $"delete collection of {_type.Kind}", "deletecollection", gvk,
            [.. OpenApiParameters.Delete(), .. OpenApiParameters.List()], Ok(Status()), Body(JsonOnly, _schemas.Ref(typeof(V1DeleteOptions)))));
        AddPath(paths, collection, list);

        var item = PathItem(withName: true);
        Add(item, "get", verbs.Contains("get"), Operation("read", $"read the specified {_type.Kind}", "get", gvk, [], Ok(Schema(model))));
        Add(item, "put", verbs.Contains("update"), Operation("replace", $"replace the specified {_type.Kind}", "put", gvk, OpenApiParameters.Write(false),
            Written(Schema(model)), Body(Documents, Schema(model))));
        Add(item, "patch", verbs.Contains("patch"), PatchOperation($"partially update the specified {_type.Kind}", gvk, model));
        Add(item, "delete", verbs.Contains("delete"), Operation("delete", $"delete a {_type.Kind}", "delete", gvk, OpenApiParameters.Delete(),
            Ok(_type.ReturnDeletedObject ? Schema(model) : Status()), Body(JsonOnly, _schemas.Ref(typeof(V1DeleteOptions)))));
        AddPath(paths, $"{collection}/{{name}}", item);

        if (_type.Namespaced && verbs.Contains("list"))
        {
            var all = new JsonObject { ["parameters"] = new JsonArray(OpenApiParameters.Pretty()) };
            all["get"] = Operation("list", $"list or watch objects of kind {_type.Kind}", "list", gvk, OpenApiParameters.List(), Ok(ListSchema(model)),
                operationId: $"list{_groupVersion}{_type.Kind}ForAllNamespaces");
            paths[$"{prefix}/{_type.Plural}"] = all;
        }

        foreach (var subresource in _type.Subresources.Values)
        {
            AddPath(paths, $"{collection}/{{name}}/{subresource.Name}", Subresource(subresource));
        }
    }

    private JsonObject Subresource(SubresourceType subresource)
    {
        var group = subresource.Group ?? _type.Group;
        var version = subresource.Version ?? _type.Version;
        var model = ModelCatalog.FindKind(group, version, subresource.Kind);
        var gvk = Gvk(group, version, subresource.Kind);
        var name = Pascal(subresource.Name);
        var item = PathItem(withName: true);

        // Streaming subresources (exec, attach, portforward, proxy) take *Options kinds and are "connect" actions.
        var connect = subresource.Kind.EndsWith("Options", StringComparison.Ordinal);
        var of = $"{subresource.Name} of the specified {_type.Kind}";
        foreach (var verb in subresource.Verbs)
        {
            var (method, operation) = (verb, connect) switch
            {
                ("get", true) => ("get", Operation("connectGet", $"connect GET requests to {of}", "connect", gvk, [], Ok(Schema(model)), null, name)),
                ("create", true) => ("post", Operation("connectPost", $"connect POST requests to {of}", "connect", gvk, [], Ok(Schema(model)), null, name)),
                ("get", false) => ("get", Operation("read", $"read {of}", "get", gvk, [], Ok(Schema(model)), null, name)),
                ("update", _) => ("put", Operation("replace", $"replace {of}", "put", gvk, OpenApiParameters.Write(false), Written(Schema(model)), Body(Documents, Schema(model)), name)),
                ("patch", _) => ("patch", PatchOperation($"partially update {of}", gvk, model, name)),
                ("create", false) => ("post", Operation("create", $"create {subresource.Name} of a {_type.Kind}", "post", gvk, OpenApiParameters.Write(false), Written(Schema(model)), Body(Documents, Schema(model)), name)),
                _ => ("", null),
            };
            if (operation is not null)
            {
                item[method] = operation;
            }
        }

        return item;
    }

    private JsonObject PatchOperation(string description, JsonObject gvk, Type? model, string subresource = "") =>
        Operation("patch", description, "patch", gvk, OpenApiParameters.Write(true), Written(Schema(model)),
            Body(PatchTypes, _schemas.Ref(PatchSchemaName, static () => new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
            })),
            subresource);

    private JsonObject Operation(string id, string description, string action, JsonObject gvk, JsonNode[] parameters, JsonObject responses,
        JsonObject? body = null, string subresource = "", string? operationId = null)
    {
        var operation = new JsonObject
        {
            ["tags"] = new JsonArray(_tag),
            ["description"] = description,
            ["operationId"] = operationId ?? (id == "deleteCollection"
                ? $"delete{_groupVersion}Collection{_scope}{_type.Kind}"
                : $"{id}{_groupVersion}{_scope}{_type.Kind}{subresource}"),
        };
        if (parameters.Length > 0)
        {
            operation["parameters"] = new JsonArray([.. parameters.Select(p => p.DeepClone())]);
        }

        if (body is not null)
        {
            operation["requestBody"] = body;
        }

        responses["401"] = new JsonObject { ["description"] = "Unauthorized" };
        operation["responses"] = responses;
        operation["x-kubernetes-action"] = action;
        operation["x-kubernetes-group-version-kind"] = gvk.DeepClone();
        return operation;
    }

    private JsonObject PathItem(bool withName)
    {
        var parameters = new JsonArray();
        if (withName)
        {
            parameters.Add(OpenApiParameters.Name(_type.Kind));
        }

        if (_type.Namespaced)
        {
            parameters.Add(OpenApiParameters.Namespace());
        }

        parameters.Add(OpenApiParameters.Pretty());
        return new JsonObject { ["parameters"] = parameters };
    }

    /// <summary>Adds a path that has at least one operation (a create-only kind has no <c>{name}</c> path).</summary>
    private static void AddPath(IDictionary<string, JsonObject> paths, string path, JsonObject item)
    {
        if (item.Count > 1)
        {
            paths[path] = item;
        }
    }

    private static void Add(JsonObject pathItem, string method, bool allowed, JsonObject operation)
    {
        if (allowed)
        {
            pathItem[method] = operation;
        }
    }

    private JsonObject Schema(Type? model) => model is null ? new JsonObject { ["type"] = "object" } : _schemas.Ref(model);

    private JsonObject ListSchema(Type? model) => model is not null && ModelCatalog.ListOf(model) is { } list ? _schemas.Ref(list) : new JsonObject { ["type"] = "object" };

    private JsonObject Status() => _schemas.Ref(typeof(V1Status));

    private static JsonObject Ok(JsonObject schema) => new() { ["200"] = Response("OK", schema) };

    private static JsonObject Written(JsonObject schema) => new()
    {
        ["200"] = Response("OK", schema),
        ["201"] = Response("Created", schema.DeepClone().AsObject()),
    };

    private static JsonObject Response(string description, JsonObject schema) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } },
    };

    private static JsonObject Body(string[] contentTypes, JsonObject schema)
    {
        var content = new JsonObject();
        foreach (var contentType in contentTypes)
        {
            content[contentType] = new JsonObject { ["schema"] = schema.DeepClone() };
        }

        return new JsonObject { ["content"] = content, ["required"] = true };
    }

    private static JsonObject Gvk(string group, string version, string kind) => new() { ["group"] = group, ["kind"] = kind, ["version"] = version };

    private static string Pascal(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
