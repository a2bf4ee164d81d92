namespace OrleansEci.Silo.Sandbox;

/// <summary>The sandbox command line: <c>sandbox [--demo N] [--once] [--dir PATH] [--port N] [--no-stock-zone ZONE]</c>.</summary>
internal sealed record SandboxOptions
{
    /// <summary>Replicas of the demo Deployment to apply once everything is up; 0 = no demo.</summary>
    public int Demo { get; init; }

    /// <summary>Exit after the demo (or, without one, once the nodes are Ready) instead of serving until Ctrl+C.</summary>
    public bool Once { get; init; }

    /// <summary>Where the kubeconfig and logs go. Default <c>.sandbox</c> in the current directory.</summary>
    public string Directory { get; init; } = ".sandbox";

    /// <summary>Port of the silo's HTTP endpoint (dashboard) on 127.0.0.1; 0 picks a free one. Default 0.</summary>
    public int Port { get; init; }

    /// <summary>Fake-kubelet regular nodes beside the virtual nodes. Default 1.</summary>
    public int RegularNodes { get; init; } = 1;

    /// <summary>
    /// A zone of the local ECI service to sell out (every spec's stock 0), e.g. <c>cn-hangzhou-h</c>; the demo's pods then
    /// list every zone's vSwitch and fall back. Default none.
    /// </summary>
    public string? NoStockZone { get; init; }

    public const string Usage = "usage: sandbox [--demo N] [--once] [--dir PATH] [--port N] [--no-stock-zone ZONE]";

    /// <summary>Parses the arguments; a bad one gives an error message that says what is wrong.</summary>
    public static (SandboxOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new SandboxOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            switch (arg)
            {
                case "--demo":
                    if (!int.TryParse(Value(), out int demo) || demo is < 1 or > 100_000)
                    {
                        return (null, "--demo takes a number of pods from 1 to 100000, e.g. --demo 20");
                    }

                    options = options with { Demo = demo };
                    break;
                case "--once":
                    options = options with { Once = true };
                    break;
                case "--dir":
                    if (Value() is not { Length: > 0 } dir)
                    {
                        return (null, "--dir takes a directory, e.g. --dir .sandbox");
                    }

                    options = options with { Directory = dir };
                    break;
                case "--port":
                    if (!int.TryParse(Value(), out int port) || port is < 0 or > 65535)
                    {
                        return (null, "--port takes a TCP port from 0 to 65535 (0 picks a free one)");
                    }

                    options = options with { Port = port };
                    break;
                case "--no-stock-zone":
                    if (Value() is not { Length: > 0 } zone)
                    {
                        return (null, "--no-stock-zone takes a zone of the local ECI service, e.g. --no-stock-zone cn-hangzhou-h");
                    }

                    options = options with { NoStockZone = zone };
                    break;
                default:
                    return (null, $"unknown argument '{arg}'. {Usage}");
            }
        }

        return (options, null);
    }
}
