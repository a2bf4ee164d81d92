using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansEci.Runtime.Bench;

/// <summary>One run's Markdown section: what ran, on what, and a table of measures with their targets.</summary>
internal sealed class Report(BenchOptions options)
{
    private readonly List<(string Measure, string Value, string Target)> _rows = [];
    private readonly List<string> _notes = [];
    private readonly string _loadBefore = LoadAverage();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    public void Add(string measure, string value, string target = "") => _rows.Add((measure, value, target));

    public void Add(string measure, FormattableString value, string target = "") => Add(measure, value.ToString(CultureInfo.InvariantCulture), target);

    public void Note(string note) => _notes.Add(note);

    public string Render()
    {
        StringBuilder text = new();
        text.AppendLine(CultureInfo.InvariantCulture, $"### {options.Scenario}: {options.Pods} pods over {options.Nodes} virtual nodes, {_started:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project bench/Runtime.Bench -- {options}`");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load average before {_loadBefore}, after {LoadAverage()} (shared machine).");
        text.AppendLine();
        foreach (string note in _notes)
        {
            text.AppendLine("- " + note);
        }

        text.AppendLine();
        text.AppendLine("| measure | value | target |");
        text.AppendLine("|---|---|---|");
        foreach (var (measure, value, target) in _rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {value} | {target} |");
        }

        return text.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
