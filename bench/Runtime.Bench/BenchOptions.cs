using System.Globalization;

namespace OrleansEci.Runtime.Bench;

/// <summary>What one run measures. Parsed from the command line; <see cref="Parse"/> says how to fix a bad flag.</summary>
internal sealed class BenchOptions
{
    private readonly List<KeyValuePair<string, string>> _settings = [];

    /// <summary><c>limits</c> (a), <c>unlimited</c> (b) or <c>steady</c> (c). Default <c>limits</c> (<c>--scenario limits</c>).</summary>
    public Scenario Scenario { get; private set; } = Scenario.Limits;

    /// <summary>Pods created. Default 1000 (<c>--pods 1000</c>).</summary>
    public int Pods { get; private set; } = 1000;

    /// <summary>Virtual nodes the pods are spread over (round-robin, by <c>nodeName</c>). Default 2 (<c>--nodes 2</c>).</summary>
    public int Nodes { get; private set; } = 2;

    /// <summary>Steady state: how long nothing changes while ECI reads are counted. Default 3 min (<c>--quiet-minutes 3</c>).</summary>
    public TimeSpan Quiet { get; private set; } = TimeSpan.FromMinutes(3);

    /// <summary>Steady state: containers crashed through the emulator to time ECI → Kubernetes. Default 200 (<c>--probes 200</c>).</summary>
    public int Probes { get; private set; } = 200;

    /// <summary>Steady state: crashes started per second. Default 5 (<c>--probe-rate 5</c>).</summary>
    public int ProbeRate { get; private set; } = 5;

    /// <summary>Longest wait for every pod to run. Default 30 min (<c>--timeout-minutes 30</c>).</summary>
    public TimeSpan Timeout { get; private set; } = TimeSpan.FromMinutes(30);

    /// <summary>Zones scenario: the zone sold out mid-run (every spec), e.g. <c>cn-hangzhou-h</c>; none by default (<c>--no-stock-zone ZONE</c>).</summary>
    public string? NoStockZone { get; private set; }

    /// <summary>Zones scenario: sell the zone out once this many pods run. Default half the pods (<c>--no-stock-at N</c>).</summary>
    public int? NoStockAt { get; private set; }

    /// <summary>Whether ECI's published flow control and lifecycle apply (scenarios a and zones).</summary>
    public bool Paced => Scenario is Scenario.Limits or Scenario.Zones;

    /// <summary>Silo settings layered over the defaults (<c>--set Kubernetes:Qps=200</c>, repeatable).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings => _settings;

    /// <summary>Markdown report appended here as well as printed (<c>--out FILE</c>).</summary>
    public string? Out { get; private set; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        BenchOptions options = new();
        for (int i = 0; i < args.Count; i++)
        {
            string flag = args[i];
            string value = i + 1 < args.Count ? args[++i] : throw new FormatException($"{flag} needs a value, e.g. {flag} 10.");
            switch (flag)
            {
                case "--scenario":
                    options.Scenario = ParseScenario(value);
                    break;
                case "--pods":
                    options.Pods = Positive(value, flag);
                    break;
                case "--nodes":
                    options.Nodes = Positive(value, flag);
                    break;
                case "--quiet-minutes":
                    options.Quiet = TimeSpan.FromMinutes(Positive(value, flag));
                    break;
                case "--probes":
                    options.Probes = Positive(value, flag);
                    break;
                case "--probe-rate":
                    options.ProbeRate = Positive(value, flag);
                    break;
                case "--timeout-minutes":
                    options.Timeout = TimeSpan.FromMinutes(Positive(value, flag));
                    break;
                case "--set":
                    int eq = value.IndexOf('=', StringComparison.Ordinal);
                    options._settings.Add(eq > 0 ? new(value[..eq], value[(eq + 1)..])
                        : throw new FormatException($"--set takes Key=Value (e.g. --set Kubernetes:Qps=200), got '{value}'."));
                    break;
                case "--out":
                    options.Out = value;
                    break;
                case "--no-stock-zone":
                    options.NoStockZone = value;
                    break;
                case "--no-stock-at":
                    options.NoStockAt = Positive(value, flag);
                    break;
                default:
                    throw new FormatException($"Unknown flag {flag}. Use --scenario limits|unlimited|steady|zones, --pods N, --nodes M, --quiet-minutes N, "
                        + "--probes N, --probe-rate N, --timeout-minutes N, --no-stock-zone ZONE, --no-stock-at N, --set Key=Value, --out FILE.");
            }
        }

        return options;
    }

    /// <summary>The flags that reproduce this run.</summary>
    public override string ToString()
    {
        string text = string.Create(CultureInfo.InvariantCulture,
            $"--scenario {Scenario.ToString().ToLowerInvariant()} --pods {Pods} --nodes {Nodes}");
        if (Scenario == Scenario.Steady)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" --quiet-minutes {Quiet.TotalMinutes} --probes {Probes} --probe-rate {ProbeRate}");
        }

        if (NoStockZone is not null)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" --no-stock-zone {NoStockZone} --no-stock-at {NoStockAt ?? (Pods / 2)}");
        }

        return text + string.Concat(_settings.Select(s => $" --set {s.Key}={s.Value}"));
    }

    private static Scenario ParseScenario(string text) => text switch
    {
        "limits" or "a" => Scenario.Limits,
        "unlimited" or "b" => Scenario.Unlimited,
        "steady" or "c" => Scenario.Steady,
        "zones" => Scenario.Zones,
        _ => throw new FormatException($"--scenario takes limits (a), unlimited (b), steady (c) or zones, got '{text}'."),
    };

    private static int Positive(string text, string flag) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n
            : throw new FormatException($"{flag} takes a positive whole number, got '{text}'.");
}
