using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary><c>kubectl get deployments</c>: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR (printDeployment).</summary>
internal sealed class DeploymentPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Ready", "string", "Number of the pod with ready state"),
        new("Up-to-date", "string", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        new("Available", "string", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
        new("Selector", "string", ColumnDescriptions.Selector, 1),
    ];

    public TableRow Print(JsonElement d, DateTimeOffset now)
    {
        // spec.replicas is defaulted to 1 by the server, so it is always present on stored objects.
        var (names, images) = SelectorText.Containers(d.At("spec", "template", "spec") ?? default);
        return new TableRow(
        [
            d.Name(), $"{d.Int("status", "readyReplicas")}/{d.Int("spec", "replicas")}", d.Int("status", "updatedReplicas"),
            d.Int("status", "availableReplicas"), d.Age(now), names, images, SelectorText.Of(d.At("spec", "selector")),
        ]);
    }
}
