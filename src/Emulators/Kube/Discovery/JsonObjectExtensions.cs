using System.Text.Json.Nodes;

namespace OrleansEci.Emulators.Kube.Discovery;

/// <summary>Small helpers for building discovery documents.</summary>
internal static class JsonObjectExtensions
{
    /// <summary>Moves every property of <paramref name="other"/> into <paramref name="target"/> and returns it.</summary>
    public static JsonObject Merge(this JsonObject target, JsonObject other)
    {
        foreach (var key in other.Select(p => p.Key).ToList())
        {
            var value = other[key];
            other.Remove(key);
            target[key] = value;
        }

        return target;
    }
}
