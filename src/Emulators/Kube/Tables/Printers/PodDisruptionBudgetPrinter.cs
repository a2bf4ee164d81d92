using System.Globalization;
using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary>
/// <c>kubectl get poddisruptionbudgets</c>: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE
/// (printPodDisruptionBudget: N/A for the bound that is not set).
/// </summary>
internal sealed class PodDisruptionBudgetPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Min Available", "string", "The minimum number of pods that must be available."),
        new("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
        new("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
        StandardColumns.Age,
    ];

    public TableRow Print(JsonElement pdb, DateTimeOffset now) =>
        new([pdb.Name(), Bound(pdb, "minAvailable"), Bound(pdb, "maxUnavailable"), pdb.Int("status", "disruptionsAllowed"), pdb.Age(now)]);

    private static string Bound(JsonElement pdb, string field) => pdb.At("spec", field) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetInt64().ToString(CultureInfo.InvariantCulture),
        { ValueKind: JsonValueKind.String } s => s.GetString() ?? "N/A",
        _ => "N/A",
    };
}
