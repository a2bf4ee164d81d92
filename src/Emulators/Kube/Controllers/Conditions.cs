using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers;

/// <summary>Reading and writing <c>status.conditions</c> of an object as JSON, keeping the order of the list.</summary>
internal static class Conditions
{
    public static JsonObject? Find(JsonObject? status, string type) =>
        (status?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => KubeJson.GetString(c, "type") == type);

    /// <summary>The condition's status ("True", "False", "Unknown"), or null when absent.</summary>
    public static string? StatusOf(JsonObject? status, string type) => KubeJson.GetString(Find(status, type), "status");

    /// <summary>Replaces the condition of the same type in place, or appends it.</summary>
    public static void Put(JsonObject status, JsonObject condition)
    {
        var list = status["conditions"] as JsonArray;
        if (list is null)
        {
            list = [];
            status["conditions"] = list;
        }

        var type = KubeJson.GetString(condition, "type");
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject existing && KubeJson.GetString(existing, "type") == type)
            {
                list[i] = condition;
                return;
            }
        }

        list.Add(condition);
    }

    public static bool Remove(JsonObject status, string type)
    {
        if (status["conditions"] is not JsonArray list)
        {
            return false;
        }

        var found = list.OfType<JsonObject>().FirstOrDefault(c => KubeJson.GetString(c, "type") == type);
        return found is not null && list.Remove(found);
    }
}
