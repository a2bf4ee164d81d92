using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Snapshots;

/// <summary>
/// The snapshot format: one JSON document, <c>{"kind":"KubeStoreSnapshot","resourceVersion":"N","objects":[{"group":"",
/// "version":"v1","resource":"pods","object":{...}}, ...]}</c>, objects as stored (their resourceVersions included).
/// Written to a temporary file and renamed over the old one, so a crash never leaves half a snapshot.
/// </summary>
public static class SnapshotFile
{
    public const string Kind = "KubeStoreSnapshot";

    public static async Task WriteAsync(string path, ObjectStore store, CancellationToken cancellationToken)
    {
        var objects = store.Export().ToList();
        var resourceVersion = Math.Max(store.CurrentResourceVersion, objects.Count == 0 ? 0 : objects.Max(o => o.Object.ResourceVersion));
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        {
            await using var json = new Utf8JsonWriter(file);
            json.WriteStartObject();
            json.WriteString("kind", Kind);
            json.WriteString("resourceVersion", resourceVersion.ToString(CultureInfo.InvariantCulture));
            json.WriteStartArray("objects");
            foreach (var (type, obj) in objects)
            {
                json.WriteStartObject();
                json.WriteString("group", type.Group);
                json.WriteString("version", type.Version);
                json.WriteString("resource", type.Plural);
                json.WritePropertyName("object");
                json.WriteRawValue(obj.Json, skipInputValidation: true);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a snapshot: its resourceVersion and its objects with their types (types this server does not serve are reported by name).</summary>
    public static async Task<(long ResourceVersion, List<(ResourceType Type, JsonObject Object)> Objects, List<string> Unknown)> ReadAsync(
        string path, ResourceRegistry registry, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var root = await JsonNode.ParseAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject;
        if (root?["kind"]?.GetValue<string>() != Kind)
        {
            throw new InvalidDataException($"{path} is not a Kubernetes emulator snapshot (kind {Kind}). Delete it or pass another --snapshot path.");
        }

        var objects = new List<(ResourceType, JsonObject)>();
        var unknown = new List<string>();
        foreach (var entry in (root["objects"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var group = entry["group"]?.GetValue<string>() ?? "";
            var version = entry["version"]?.GetValue<string>() ?? "";
            var resource = entry["resource"]?.GetValue<string>() ?? "";
            if (registry.Find(group, version, resource) is { } type && entry["object"] is JsonObject obj)
            {
                objects.Add((type, obj));
            }
            else
            {
                unknown.Add(group.Length == 0 ? $"{version}/{resource}" : $"{group}/{version}/{resource}");
            }
        }

        var rv = long.TryParse(root["resourceVersion"]?.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
        return (rv, objects, unknown);
    }
}
