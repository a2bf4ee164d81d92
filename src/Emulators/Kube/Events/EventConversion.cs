using System.Text.Json.Nodes;

namespace OrleansEci.Emulators.Kube.Events;

/// <summary>
/// events.k8s.io/v1 and core/v1 Events are one resource stored once, as in kube-apiserver; this converts between
/// the two representations, field for field (pkg/apis/events/v1/conversion.go and the core v1 conversion:
/// regarding ↔ involvedObject, note ↔ message, reportingController ↔ reportingComponent, deprecatedSource ↔ source,
/// deprecatedFirstTimestamp/LastTimestamp/Count ↔ firstTimestamp/lastTimestamp/count). Fields that do not map are
/// copied as they are, so unknown ones still get reported by field validation.
/// </summary>
public static class EventConversion
{
    private static readonly (string EventsV1, string Core)[] Renames =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
    ];

    public static JsonObject ToCore(JsonObject eventsV1) => Convert(eventsV1, toCore: true);

    public static JsonObject ToEventsV1(JsonObject core) => Convert(core, toCore: false);

    private static JsonObject Convert(JsonObject source, bool toCore)
    {
        var result = new JsonObject
        {
            ["kind"] = "Event",
            ["apiVersion"] = toCore ? "v1" : "events.k8s.io/v1",
        };
        foreach (var (key, value) in source)
        {
            if (key is "kind" or "apiVersion")
            {
                continue;
            }

            var renamed = Renames.FirstOrDefault(r => (toCore ? r.EventsV1 : r.Core) == key);
            var name = renamed == default ? key : toCore ? renamed.Core : renamed.EventsV1;
            if (renamed == default && IsOtherSideName(key, toCore))
            {
                // A core name sent to events.k8s.io (or the reverse) is unknown there: keep it under a name no schema has.
                name = key + "(unknown)";
            }

            result[name] = value?.DeepClone();
        }

        return result;
    }

    private static bool IsOtherSideName(string key, bool toCore) => Renames.Any(r => (toCore ? r.Core : r.EventsV1) == key);
}
