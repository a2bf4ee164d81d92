using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary>
/// <c>kubectl get events</c>: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME.
/// A port of printEvent and formatEventSource
/// (https://github.com/kubernetes/kubernetes/blob/master/pkg/printers/internalversion/printers.go): series events
/// take their last time and count from the series, singleton events of the new API count 1, and OBJECT is
/// <c>kind/name</c> in lower-case kind.
/// </summary>
internal sealed class EventPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
        new("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
        new("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        new("Object", "string", "The object that this event is about."),
        new("Subobject", "string", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].", 1),
        new("Source", "string", "The component reporting this event. Should be a short machine understandable string.", 1),
        new("Message", "string", "A human-readable description of the status of this operation."),
        new("First Seen", "string", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", 1),
        new("Count", "string", "The number of times this event has occurred.", 1),
        new("Name", "string", ColumnDescriptions.Name, 1, "name"),
    ];

    public TableRow Print(JsonElement e, DateTimeOffset now)
    {
        var first = e.Time("firstTimestamp") is { } firstTime ? HumanDuration.Since(firstTime, now) : HumanDuration.Since(e.Time("eventTime"), now);
        var last = e.Time("lastTimestamp") is { } lastTime ? HumanDuration.Since(lastTime, now) : first;
        var count = e.Int("count");
        if (e.At("series") is { ValueKind: JsonValueKind.Object } series)
        {
            last = HumanDuration.Since(series.Time("lastObservedTime"), now);
            count = series.Int("count");
        }
        else if (count == 0)
        {
            count = 1;
        }

        var kind = e.Str("involvedObject", "kind").ToLowerInvariant();
        var target = e.Str("involvedObject", "name") is { Length: > 0 } name ? $"{kind}/{name}" : kind;
        return new TableRow(
        [
            last, e.Str("type"), e.Str("reason"), target, e.Str("involvedObject", "fieldPath"),
            Source(e), e.Str("message").Trim(), first, count, e.Name(),
        ]);
    }

    /// <summary>formatEventSource: component (or reportingController), then ", host" (or reportingInstance) when known.</summary>
    private static string Source(JsonElement e)
    {
        var component = e.Str("source", "component") is { Length: > 0 } c ? c : e.Str("reportingComponent");
        var instance = e.Str("source", "host") is { Length: > 0 } h ? h : e.Str("reportingInstance");
        return instance.Length == 0 ? component : $"{component}, {instance}";
    }
}
