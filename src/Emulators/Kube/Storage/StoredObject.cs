using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>
/// One committed version of an object: its JSON bytes (what reads and watches send, serialized exactly once) and the
/// values selectors compare, taken when it was written. Immutable, so readers never lock.
/// </summary>
public sealed class StoredObject
{
    internal StoredObject(string? ns, string name, string uid, long resourceVersion, byte[] json,
        IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> fields)
    {
        Namespace = ns;
        Name = name;
        Uid = uid;
        ResourceVersion = resourceVersion;
        Json = json;
        Labels = labels;
        Fields = fields;
    }

    /// <summary>Null for cluster-scoped objects.</summary>
    public string? Namespace { get; }

    public string Name { get; }

    public string Uid { get; }

    public long ResourceVersion { get; }

    /// <summary>The object as compact UTF-8 JSON. Never mutate.</summary>
    public byte[] Json { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Values of the type's selectable fields (e.g. <c>spec.nodeName</c>).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>The store key: <c>namespace/name</c>, or <c>name</c> for cluster-scoped objects (sorts as etcd keys do).</summary>
    public string Key => ObjectKey.Of(Namespace, Name);

    /// <summary>A fresh, private, mutable copy of the object.</summary>
    public JsonObject ToJson() => KubeJson.ParseObject(Json);
}
