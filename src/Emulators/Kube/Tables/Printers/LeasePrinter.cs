using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary><c>kubectl get leases</c>: NAME HOLDER AGE (printLease).</summary>
internal sealed class LeasePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Holder", "string", "holderIdentity contains the identity of the holder of a current lease."),
        StandardColumns.Age,
    ];

    public TableRow Print(JsonElement lease, DateTimeOffset now) => new([lease.Name(), lease.Str("spec", "holderIdentity"), lease.Age(now)]);
}
