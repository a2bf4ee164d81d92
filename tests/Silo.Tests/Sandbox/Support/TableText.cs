using System.Text.RegularExpressions;

namespace OrleansEci.Silo.Tests.Sandbox.Support;

/// <summary>
/// Reads kubectl's table output: columns are separated by at least two spaces (its tabwriter padding), so cells with a
/// single space inside (<c>NOMINATED NODE</c>) stay whole.
/// </summary>
internal static partial class TableText
{
    /// <summary>The row whose NAME cell is <paramref name="name"/>, as column → cell.</summary>
    public static IReadOnlyDictionary<string, string> Row(string stdout, string name)
    {
        var rows = Rows(stdout);
        var row = rows.FirstOrDefault(r => r.TryGetValue("NAME", out string? n) && n == name);
        Assert.True(row is not null, $"Expected a row named {name} in:\n{stdout}");
        return row;
    }

    /// <summary>Every row, as column → cell.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Rows(string stdout)
    {
        string[] lines = [.. stdout.TrimEnd('\n').Split('\n').Where(l => l.Length > 0)];
        Assert.True(lines.Length > 0, "Expected a table with a header; kubectl printed nothing.");
        string[] header = Cells(lines[0]);
        return [.. lines.Skip(1).Select(Cells).Select(cells =>
            (IReadOnlyDictionary<string, string>)header.Select((column, i) => (column, cell: i < cells.Length ? cells[i] : ""))
                .ToDictionary(p => p.column, p => p.cell, StringComparer.Ordinal))];
    }

    private static string[] Cells(string line) => ColumnGap().Split(line.Trim());

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex ColumnGap();
}
