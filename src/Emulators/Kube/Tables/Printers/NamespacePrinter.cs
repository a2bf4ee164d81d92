using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary><c>kubectl get namespaces</c>: NAME STATUS AGE (printNamespace).</summary>
internal sealed class NamespacePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Status", "string", "The status of the namespace"),
        StandardColumns.Age,
    ];

    public TableRow Print(JsonElement ns, DateTimeOffset now) => new([ns.Name(), ns.Str("status", "phase"), ns.Age(now)]);
}
