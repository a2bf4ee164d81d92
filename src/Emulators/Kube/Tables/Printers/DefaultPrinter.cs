using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary>
/// NAME AGE for types without a printer of their own, as kube-apiserver prints custom resources without
/// additionalPrinterColumns (the CRD table convertor's default Age column, printed as a human duration).
/// </summary>
internal sealed class DefaultPrinter : ITablePrinter
{
    public static readonly DefaultPrinter Instance = new();

    public IReadOnlyList<TableColumn> Columns { get; } = [StandardColumns.Name, StandardColumns.Age];

    public TableRow Print(JsonElement obj, DateTimeOffset now) => new([obj.Name(), obj.Age(now)]);
}
