namespace OrleansEci.Emulators.Kube.OpenApi;

/// <summary>
/// The list and patch markers of one field, as k8s.io/api declares them in struct tags and comments
/// (<c>patchStrategy:"merge" patchMergeKey:"name"</c>, <c>+listType=map</c>, <c>+listMapKey=name</c>) and the OpenAPI
/// documents publish them (<c>x-kubernetes-patch-strategy</c>, <c>x-kubernetes-patch-merge-key</c>,
/// <c>x-kubernetes-list-type</c>, <c>x-kubernetes-list-map-keys</c>, <c>x-kubernetes-map-type</c>).
/// </summary>
public sealed record FieldExtension(string? PatchStrategy = null, string? MergeKey = null, string? ListType = null, IReadOnlyList<string>? ListMapKeys = null, string? MapType = null)
{
    /// <summary><c>patchStrategy:"merge" patchMergeKey:key</c> with <c>+listType=map +listMapKey=key</c>.</summary>
    public static FieldExtension MergeBy(string key) => new("merge", key, "map", [key]);

    /// <summary>A list merged by <paramref name="key"/> whose list-map keys are several fields (ports: containerPort and protocol).</summary>
    public static FieldExtension MergeBy(string key, IReadOnlyList<string> mapKeys) => new("merge", key, "map", mapKeys);

    /// <summary><c>patchStrategy:"merge,retainKeys"</c> (volumes, resourceClaims): elements also drop the fields the patch leaves out.</summary>
    public static FieldExtension MergeRetainingKeys(string key) => new("merge,retainKeys", key, "map", [key]);

    /// <summary>A list replaced whole (<c>+listType=atomic</c>).</summary>
    public static readonly FieldExtension Atomic = new(ListType: "atomic");

    /// <summary>A primitive list merged as a set (<c>patchStrategy:"merge"</c>, <c>+listType=set</c>).</summary>
    public static readonly FieldExtension MergeSet = new("merge", ListType: "set");

    /// <summary>A map or struct replaced whole (<c>+mapType=atomic</c>).</summary>
    public static readonly FieldExtension AtomicMap = new(MapType: "atomic");
}
