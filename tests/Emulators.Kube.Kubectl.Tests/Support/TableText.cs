using System.Text.RegularExpressions;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

/// <summary>
/// Reads kubectl's table output: columns are separated by at least three spaces (its tabwriter padding), so cells
/// with single spaces inside (<c>3 (5m ago)</c>, <c>NOMINATED NODE</c>) stay whole.
/// </summary>
public static partial class TableText
{
    public static string[] Cells(string line) => ColumnGap().Split(line.Trim());

    /// <summary>The header cells of a table.</summary>
    public static string[] Header(string stdout) => Cells(Lines(stdout)[0]);

    /// <summary>The cells of the row whose cell in <paramref name="column"/> (default NAME) is <paramref name="name"/>.</summary>
    public static string[] Row(string stdout, string name, string column = "NAME")
    {
        var lines = Lines(stdout);
        var index = Array.IndexOf(Cells(lines[0]), column);
        Assert.True(index >= 0, $"Expected a {column} column in:\n{stdout}");
        var row = lines.Skip(1).Select(Cells).FirstOrDefault(cells => cells.Length > index && cells[index] == name);
        Assert.True(row is not null, $"Expected a row with {column} {name} in:\n{stdout}");
        return row;
    }

    /// <summary>The values of one column, header excluded.</summary>
    public static string[] Column(string stdout, string column)
    {
        var lines = Lines(stdout);
        var index = Array.IndexOf(Cells(lines[0]), column);
        Assert.True(index >= 0, $"Expected a {column} column in:\n{stdout}");
        return [.. lines.Skip(1).Select(Cells).Where(c => c.Length > index).Select(c => c[index])];
    }

    private static string[] Lines(string stdout) => stdout.TrimEnd('\n').Split('\n').Where(l => l.Length > 0).ToArray();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex ColumnGap();
}
