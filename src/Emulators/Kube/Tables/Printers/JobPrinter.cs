using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary>
/// <c>kubectl get jobs</c>: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR. A port of printJob
/// (https://github.com/kubernetes/kubernetes/blob/master/pkg/printers/internalversion/printers.go): the status comes
/// from the first true condition of Complete, Failed, (deletion) Terminating, Suspended, FailureTarget, SuccessCriteriaMet.
/// </summary>
internal sealed class JobPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Status", "string", "Status of the job."),
        new("Completions", "string", "The number of pods which reached phase Succeeded."),
        new("Duration", "string", "Time required to complete the job."),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
        new("Selector", "string", "A label query over pods that should match the pod count.", 1),
    ];

    public TableRow Print(JsonElement job, DateTimeOffset now)
    {
        var succeeded = job.Int("status", "succeeded");
        var parallelism = job.Int("spec", "parallelism");
        var completions = job.Has("spec", "completions") ? $"{succeeded}/{job.Int("spec", "completions")}"
            : parallelism > 1 ? $"{succeeded}/1 of {parallelism}"
            : $"{succeeded}/1";
        var duration = (job.Time("status", "startTime"), job.Time("status", "completionTime")) switch
        {
            (null, _) => "",
            ({ } start, null) => HumanDuration.Since(start, now),
            ({ } start, { } end) => HumanDuration.Format(end - start),
        };
        var (names, images) = SelectorText.Containers(job.At("spec", "template", "spec") ?? default);
        return new TableRow([job.Name(), Status(job), completions, duration, job.Age(now), names, images, SelectorText.Format(job.At("spec", "selector"))]);
    }

    private static string Status(JsonElement job)
    {
        bool Is(string type) =>
            job.Items("status", "conditions").FirstOrDefault(c => c.Str("type") == type) is { ValueKind: JsonValueKind.Object } c && c.Str("status") == "True";

        return Is("Complete") ? "Complete"
            : Is("Failed") ? "Failed"
            : job.Has("metadata", "deletionTimestamp") ? "Terminating"
            : Is("Suspended") ? "Suspended"
            : Is("FailureTarget") ? "FailureTarget"
            : Is("SuccessCriteriaMet") ? "SuccessCriteriaMet"
            : "Running";
    }
}
