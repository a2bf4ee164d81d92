using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary><c>kubectl get serviceaccounts</c>: NAME SECRETS AGE (printServiceAccount).</summary>
internal sealed class ServiceAccountPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Secrets", "integer", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."),
        StandardColumns.Age,
    ];

    public TableRow Print(JsonElement sa, DateTimeOffset now) => new([sa.Name(), (long)sa.Count("secrets"), sa.Age(now)]);
}
