using System.Text.Json;

using OrleansEci.Emulators.Kube.Tables;

namespace OrleansEci.Emulators.Kube.Tests.Tables;

/// <summary>Runs a printer on a JSON object at a fixed instant; <c>@now</c>, <c>@1m</c>, <c>@5m</c>, <c>@1h</c> in the JSON become timestamps that long ago.</summary>
internal static class PrinterAssert
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    public static object?[] Cells(ITablePrinter printer, string json) => Row(printer, json).Cells;

    public static TableRow Row(ITablePrinter printer, string json)
    {
        json = json.Replace("@now", Stamp(0), StringComparison.Ordinal).Replace("@1m", Stamp(1), StringComparison.Ordinal)
            .Replace("@5m", Stamp(5), StringComparison.Ordinal).Replace("@1h", Stamp(60), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var row = printer.Print(document.RootElement, Now);
        Assert.Equal(printer.Columns.Count, row.Cells.Length);
        return row;
    }

    private static string Stamp(int minutesAgo) =>
        Now.AddMinutes(-minutesAgo).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
