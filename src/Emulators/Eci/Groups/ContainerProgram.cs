using System.Globalization;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>
/// What an emulated container "does", read from its command and args. The convention (also in the README):
/// <list type="bullet">
/// <item>No command and no args: the image's default process, which runs forever.</item>
/// <item><c>sh|bash|ash -c "script"</c> runs the script; any other command line is one statement.</item>
/// <item>Statements are separated by newlines, <c>;</c>, <c>&amp;&amp;</c> and <c>||</c> and run in order:
/// <c>echo ARGS</c> writes a log line; <c>sleep S</c> waits S seconds (<c>s</c>/<c>m</c>/<c>h</c> suffixes;
/// <c>sleep infinity</c> runs forever); <c>exit N</c> ends with code N; <c>true</c>/<c>:</c> succeed;
/// <c>false</c> fails (status 1); <c>set</c>, <c>export</c> are ignored.</item>
/// <item>Any other statement is a long-running process: the container runs forever from there.</item>
/// <item>A script that runs out of statements exits with the last statement's status (0 normally).</item>
/// </list>
/// </summary>
internal sealed record ContainerProgram(IReadOnlyList<(TimeSpan At, string Line)> Log, TimeSpan? EndsAfter, int ExitCode)
{
    public static readonly ContainerProgram Forever = new([], null, 0);

    public static ContainerProgram From(IReadOnlyList<string> commands, IReadOnlyList<string> args)
    {
        List<string> words = [.. commands, .. args];
        if (words.Count == 0)
        {
            return Forever;
        }

        string shell = Path.GetFileName(words[0]);
        if (shell is "sh" or "bash" or "ash" && words.Count >= 3 && words[1] == "-c")
        {
            return Run(ShellWords.Statements(words[2]));
        }

        return Run([words]);
    }

    private static ContainerProgram Run(IEnumerable<IReadOnlyList<string>> statements)
    {
        List<(TimeSpan, string)> log = [];
        TimeSpan at = TimeSpan.Zero;
        int status = 0;
        foreach (IReadOnlyList<string> s in statements)
        {
            string verb = Path.GetFileName(s[0]);
            switch (verb)
            {
                case "echo":
                    log.Add((at, string.Join(' ', s.Skip(1).SkipWhile(a => a is "-n" or "-e"))));
                    status = 0;
                    break;
                case "sleep":
                    TimeSpan? d = s.Count > 1 ? SleepDuration(s[1]) : TimeSpan.Zero;
                    if (d is null)
                    {
                        return new ContainerProgram(log, null, 0);
                    }

                    at += d.Value;
                    status = 0;
                    break;
                case "exit":
                    int code = s.Count > 1 && int.TryParse(s[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n & 0xFF : status;
                    return new ContainerProgram(log, at, code);
                case "true" or ":" or "set" or "export":
                    status = 0;
                    break;
                case "false":
                    status = 1;
                    break;
                default:
                    return new ContainerProgram(log, null, 0);
            }
        }

        return new ContainerProgram(log, at, status);
    }

    private static TimeSpan? SleepDuration(string text)
    {
        if (text is "infinity" or "inf")
        {
            return null;
        }

        double unit = text[^1] switch { 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 1 };
        string number = char.IsLetter(text[^1]) ? text[..^1] : text;
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0
            ? TimeSpan.FromSeconds(v * unit)
            : TimeSpan.Zero;
    }
}
