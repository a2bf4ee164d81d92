using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.OpenApi;

/// <summary>
/// The OpenAPI v3 documents of the registered resource types: one per group-version, as kube-apiserver serves them
/// under <c>/openapi/v3/...</c>, and the <c>/openapi/v3</c> index pointing at each with its content hash
/// (k8s.io/kube-openapi/pkg/handler3). Generated once (in the background at start-up, or by the first request that
/// needs them) and kept as bytes; ordinary requests never touch them.
/// </summary>
public sealed class OpenApiDocuments
{
    /// <summary>The OpenAPI version and API version the documents declare.</summary>
    private const string OpenApiVersion = "3.0.0";

    private readonly Lazy<Built> _built;

    public OpenApiDocuments(ResourceRegistry registry)
    {
        _built = new Lazy<Built>(() => Build(registry), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The <c>/openapi/v3</c> index: <c>{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=..."}}}</c>.</summary>
    public byte[] Index => _built.Value.Index;

    /// <summary>The hash of <see cref="Index"/> (its ETag).</summary>
    public string IndexHash => _built.Value.IndexHash;

    public IReadOnlyCollection<GroupVersionDocument> All => _built.Value.Documents.Values;

    /// <summary>The document at <paramref name="path"/> (<c>api/v1</c>, <c>apis/apps/v1</c>), or null.</summary>
    public GroupVersionDocument? Find(string path) => _built.Value.Documents.GetValueOrDefault(path);

    /// <summary>Builds one group-version document; public for tests and tools that want the tree.</summary>
    public static JsonObject Document(IEnumerable<ResourceType> types)
    {
        var schemas = new SchemaSet("#/components/schemas/");
        var paths = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            new ResourceOperations(type, schemas).AddTo(paths);
        }

        var pathsJson = new JsonObject();
        foreach (var (path, item) in paths)
        {
            pathsJson[path] = item;
        }

        return new JsonObject
        {
            ["openapi"] = OpenApiVersion,
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = pathsJson,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas.ToJson(),
                ["securitySchemes"] = new JsonObject
                {
                    ["BearerToken"] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["description"] = "Bearer Token authentication",
                        ["name"] = "authorization",
                        ["in"] = "header",
                    },
                },
            },
        };
    }

    /// <summary>kube-openapi's computeETag: <c>fmt.Sprintf("%X", sha512.Sum512(data))</c>.</summary>
    public static string HashOf(byte[] json) => Convert.ToHexString(SHA512.HashData(json));

    private static Built Build(ResourceRegistry registry)
    {
        var documents = new Dictionary<string, GroupVersionDocument>(StringComparer.Ordinal);
        foreach (var group in registry.All.GroupBy(t => (t.Group, t.Version)))
        {
            var path = group.Key.Group.Length == 0 ? $"api/{group.Key.Version}" : $"apis/{group.Key.Group}/{group.Key.Version}";
            var json = KubeJson.ToBytes(Document(group));
            documents[path] = new GroupVersionDocument(path, json, HashOf(json));
        }

        var index = new JsonObject();
        foreach (var document in documents.Values.OrderBy(d => d.Path, StringComparer.Ordinal))
        {
            index[document.Path] = new JsonObject { ["serverRelativeURL"] = document.ServerRelativeUrl };
        }

        var indexJson = KubeJson.ToBytes(new JsonObject { ["paths"] = index });
        return new Built(indexJson, HashOf(indexJson), documents.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private sealed record Built(byte[] Index, string IndexHash, FrozenDictionary<string, GroupVersionDocument> Documents);
}
