using System.Text.Json;

using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Controllers;

/// <summary>One <c>metadata.ownerReferences</c> entry, read straight from stored bytes (watch handlers see many objects).</summary>
internal sealed record OwnerRef(string ApiVersion, string Kind, string Name, string Uid, bool Controller, bool BlockOwnerDeletion)
{
    public static IReadOnlyList<OwnerRef> Of(StoredObject stored) => StoredMetadata.Read(stored).Owners;

    public static OwnerRef? ControllerOf(StoredObject stored) => Of(stored).FirstOrDefault(r => r.Controller);

    internal static List<OwnerRef> Read(JsonElement refs)
    {
        var list = new List<OwnerRef>(refs.GetArrayLength());
        foreach (var r in refs.EnumerateArray())
        {
            list.Add(new OwnerRef(Text(r, "apiVersion"), Text(r, "kind"), Text(r, "name"), Text(r, "uid"), Flag(r, "controller"), Flag(r, "blockOwnerDeletion")));
        }

        return list;
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
