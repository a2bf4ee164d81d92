using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary><c>kubectl get configmaps</c>: NAME DATA AGE, DATA counting data and binaryData keys (printConfigMap).</summary>
internal sealed class ConfigMapPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Data", "integer", "Data contains the configuration data."),
        StandardColumns.Age,
    ];

    public TableRow Print(JsonElement cm, DateTimeOffset now) =>
        new([cm.Name(), (long)(cm.Count("data") + cm.Count("binaryData")), cm.Age(now)]);
}
