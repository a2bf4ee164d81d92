using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary><c>kubectl get replicasets</c>: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR (printReplicaSet).</summary>
internal sealed class ReplicaSetPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Desired", "integer", "Replicas is the number of desired pods."),
        new("Current", "integer", "Replicas is the most recently observed number of replicas."),
        new("Ready", "integer", "The number of ready replicas for this replica set."),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
        new("Selector", "string", "Selector is a label query over pods that should match the replica count.", 1),
    ];

    public TableRow Print(JsonElement rs, DateTimeOffset now)
    {
        var (names, images) = SelectorText.Containers(rs.At("spec", "template", "spec") ?? default);
        return new TableRow(
        [
            rs.Name(), rs.Int("spec", "replicas"), rs.Int("status", "replicas"), rs.Int("status", "readyReplicas"), rs.Age(now),
            names, images, SelectorText.Format(rs.At("spec", "selector")),
        ]);
    }
}
