using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary><c>kubectl get secrets</c>: NAME TYPE DATA AGE (printSecret).</summary>
internal sealed class SecretPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Type", "string", "Used to facilitate programmatic handling of secret data."),
        new("Data", "integer", "Data contains the secret data."),
        StandardColumns.Age,
    ];

    public TableRow Print(JsonElement secret, DateTimeOffset now) =>
        new([secret.Name(), secret.Str("type"), (long)secret.Count("data"), secret.Age(now)]);
}
