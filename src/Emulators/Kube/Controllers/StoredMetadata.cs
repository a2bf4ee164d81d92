using System.Text.Json;

using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Controllers;

/// <summary>
/// The metadata watch handlers decide on (owners, finalizers, whether deletion started), read with one pass over the
/// stored bytes instead of building a mutable tree: every pod status write reaches several controllers.
/// </summary>
internal sealed record StoredMetadata(IReadOnlyList<OwnerRef> Owners, IReadOnlyList<string> Finalizers, bool Deleting)
{
    public OwnerRef? Controller => Owners.FirstOrDefault(r => r.Controller);

    public static StoredMetadata Read(StoredObject stored)
    {
        using var document = JsonDocument.Parse(stored.Json);
        if (!document.RootElement.TryGetProperty("metadata", out var meta))
        {
            return new StoredMetadata([], [], false);
        }

        var owners = meta.TryGetProperty("ownerReferences", out var refs) && refs.ValueKind == JsonValueKind.Array ? OwnerRef.Read(refs) : [];
        var finalizers = meta.TryGetProperty("finalizers", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString()!)]
            : new List<string>();
        var deleting = meta.TryGetProperty("deletionTimestamp", out var ts) && ts.ValueKind == JsonValueKind.String;
        return new StoredMetadata(owners, finalizers, deleting);
    }
}
