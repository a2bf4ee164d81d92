using System.Text;

namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>
/// One change to one object, as kept in the event window and fanned out to watchers. The wire line
/// (<c>{"type":"MODIFIED","object":{...}}\n</c>) is built once, on first use, and shared by every watcher.
/// </summary>
public sealed class WatchEvent
{
    private static readonly byte[] Suffix = "}\n"u8.ToArray();
    private byte[]? _line;

    public WatchEvent(WatchEventType type, StoredObject obj, StoredObject? previous)
    {
        Type = type;
        Object = obj;
        Previous = previous;
    }

    public WatchEventType Type { get; }

    /// <summary>The object after the change; for DELETED, its last state carrying the deletion's resourceVersion.</summary>
    public StoredObject Object { get; }

    /// <summary>The object before the change (null for ADDED): filtered watches turn a change that leaves the filter into DELETED.</summary>
    public StoredObject? Previous { get; }

    public long ResourceVersion => Object.ResourceVersion;

    /// <summary>The JSON line of this event with its own type.</summary>
    public byte[] GetLine() => _line ??= BuildLine(Type, Object.Json);

    /// <summary>The wire name of an event type.</summary>
    public static string TypeName(WatchEventType type) => type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        WatchEventType.Deleted => "DELETED",
        WatchEventType.Bookmark => "BOOKMARK",
        _ => "ERROR",
    };

    /// <summary><c>{"type":T,"object":json}\n</c>.</summary>
    public static byte[] BuildLine(WatchEventType type, ReadOnlySpan<byte> objectJson)
    {
        var prefix = Encoding.UTF8.GetBytes($"{{\"type\":\"{TypeName(type)}\",\"object\":");
        var line = new byte[prefix.Length + objectJson.Length + Suffix.Length];
        prefix.CopyTo(line, 0);
        objectJson.CopyTo(line.AsSpan(prefix.Length));
        Suffix.CopyTo(line, prefix.Length + objectJson.Length);
        return line;
    }
}
