using System.Globalization;

namespace OrleansEci.Eci.Bench;

/// <summary>What one run measures. Parsed from the command line; <see cref="Parse"/> says how to fix a bad flag.</summary>
internal sealed class BenchOptions
{
    /// <summary>How long each scenario is measured at each concurrency. Default 10 s (<c>--duration 10</c>).</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);

    /// <summary>Unmeasured run before each measurement (JIT, connection pool). Default 2 s (<c>--warmup 2</c>).</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(2);

    /// <summary>Calls in flight at once, one measurement each. Default 1, 8 and 32 (<c>--concurrency 1,8,32</c>).</summary>
    public IReadOnlyList<int> Concurrency { get; private set; } = [1, 8, 32];

    /// <summary>Groups created before a describe scenario runs. Default 10000 (<c>--groups 10000</c>).</summary>
    public int Groups { get; private set; } = 10_000;

    /// <summary>Only scenarios whose name contains this (<c>--only create</c>); default all.</summary>
    public string? Only { get; private set; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        BenchOptions options = new();
        for (int i = 0; i < args.Count; i++)
        {
            string value = i + 1 < args.Count ? args[i + 1] : throw new FormatException($"{args[i]} needs a value, e.g. {args[i]} 10.");
            switch (args[i++])
            {
                case "--duration":
                    options.Duration = TimeSpan.FromSeconds(Positive(value, "--duration"));
                    break;
                case "--warmup":
                    options.Warmup = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture));
                    break;
                case "--concurrency":
                    options.Concurrency = [.. value.Split(',').Select(c => Positive(c, "--concurrency"))];
                    break;
                case "--groups":
                    options.Groups = Positive(value, "--groups");
                    break;
                case "--only":
                    options.Only = value;
                    break;
                default:
                    throw new FormatException($"Unknown flag {args[i - 1]}. Use --duration S, --warmup S, --concurrency N[,N…], --groups N, --only NAME.");
            }
        }

        return options;
    }

    /// <summary>The flags that reproduce this run.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"--duration {Duration.TotalSeconds} --warmup {Warmup.TotalSeconds} --concurrency {string.Join(',', Concurrency)} --groups {Groups}{(Only is null ? "" : " --only " + Only)}");

    private static int Positive(string text, string flag) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n
            : throw new FormatException($"{flag} takes a positive whole number, got '{text}'.");
}
