using System.Globalization;

namespace OrleansEci.Kube.Bench;

/// <summary>What the benchmark does; every loop is bounded by these counts and by <see cref="PhaseTimeout"/>.</summary>
public sealed class BenchOptions
{
    /// <summary>Pods created (and kept) before the PATCH phases. Default 10,000 (the fan-out size). <c>--pods</c>.</summary>
    public int Pods { get; set; } = 10_000;

    /// <summary>Concurrent HTTP clients sending creates and PATCHes. Default 32. <c>--clients</c>.</summary>
    public int Clients { get; set; } = 32;

    /// <summary>PATCHes sent as fast as the clients can in the throughput phase. Default 50,000. <c>--patches</c>.</summary>
    public int Patches { get; set; } = 50_000;

    /// <summary>Watch streams open during the fan-out phase. Default 20. <c>--watchers</c>.</summary>
    public int Watchers { get; set; } = 20;

    /// <summary>PATCHes per second sent during the fan-out phase. Default 5,000 (the target). <c>--rate</c>.</summary>
    public int Rate { get; set; } = 5_000;

    /// <summary>How long the paced fan-out phase sends. Default 10 s. <c>--fanout-seconds</c>.</summary>
    public TimeSpan FanoutDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest any phase may run before it is reported as incomplete. Default 120 s.</summary>
    public TimeSpan PhaseTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Run the server's controllers and scheduler as the sandbox does (default) or not (<c>--no-controllers</c>).</summary>
    public bool Controllers { get; set; } = true;

    /// <summary>Where the Markdown results go, or null for stdout only. <c>--out</c>.</summary>
    public string? Output { get; set; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--pods": options.Pods = Int(); break;
                case "--clients": options.Clients = Int(); break;
                case "--patches": options.Patches = Int(); break;
                case "--watchers": options.Watchers = Int(); break;
                case "--rate": options.Rate = Int(); break;
                case "--fanout-seconds": options.FanoutDuration = TimeSpan.FromSeconds(Int()); break;
                case "--no-controllers": options.Controllers = false; break;
                case "--out": options.Output = Next(); break;
                default: throw new ArgumentException($"unknown argument {args[i]}; see bench/README.md for the options");
            }
        }

        options.Validate();
        return options;
    }

    public void Validate()
    {
        if (Pods < 1 || Clients < 1 || Patches < 1 || Watchers < 0 || Rate < 1)
        {
            throw new ArgumentException("--pods, --clients, --patches and --rate must be at least 1 and --watchers at least 0");
        }

        if (FanoutDuration <= TimeSpan.Zero || FanoutDuration > PhaseTimeout)
        {
            throw new ArgumentException($"--fanout-seconds must be between 1 and {PhaseTimeout.TotalSeconds:0}");
        }
    }
}
