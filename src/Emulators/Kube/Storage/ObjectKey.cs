namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>Store keys: <c>namespace/name</c> for namespaced objects, <c>name</c> otherwise.</summary>
public static class ObjectKey
{
    public static string Of(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : string.Concat(ns, "/", name);
}
