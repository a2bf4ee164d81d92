using OrleansEci.Emulators.Eci.Groups;
using OrleansEci.Emulators.Eci.RateLimiting;
using OrleansEci.Emulators.Eci.Regions;

namespace OrleansEci.Emulators.Eci.Hosting;

/// <summary>Everything the local ECI service is configured with. Validate with <see cref="Validate"/>.</summary>
public sealed class EciEmulatorOptions
{
    /// <summary>Environment variable read by the standalone command for the access key (<c>id:secret</c>).</summary>
    public const string AccessKeyEnvironmentVariable = "ECI_EMULATOR_ACCESS_KEY";

    /// <summary>Address to listen on. Default <c>127.0.0.1</c>. The control API answers loopback callers only.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one. Default 0.</summary>
    public int Port { get; set; }

    /// <summary>Accepted AccessKey pairs. At least one is required.</summary>
    public IList<AccessKeyCredential> AccessKeys { get; } = [];

    /// <summary>The region model. Default <see cref="RegionOptions.CreateDefault"/> (three zones of cn-hangzhou).</summary>
    public RegionOptions Region { get; set; } = RegionOptions.CreateDefault();

    /// <summary>Lifecycle timings and retention.</summary>
    public LifecycleOptions Lifecycle { get; set; } = new();

    /// <summary>Flow control per action; ECI's published figures by default.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>How far a request's timestamp may be from the emulator's clock. Default 15 min (reference §1.3).</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an ExecContainerCommand WebSocketUri can be opened. Default 30 s (reference §3.7).</summary>
    public TimeSpan ExecUriLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed for the emulator's randomness (ids, VSwitchRandom, fault fractions); null = unpredictable.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>Throws <see cref="InvalidOperationException"/> listing every problem and how to fix it.</summary>
    public void Validate()
    {
        List<string> problems = [];
        if (AccessKeys.Count == 0)
        {
            problems.Add($"No access key is configured. Pass --access-key <id>:<secret> or set {AccessKeyEnvironmentVariable}.");
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add($"Port {Port} is out of range. Use 0 (any free port) or 1-65535.");
        }

        if (TimestampTolerance <= TimeSpan.Zero)
        {
            problems.Add("TimestampTolerance must be positive (ECI allows 15 minutes).");
        }

        if (ExecUriLifetime <= TimeSpan.Zero)
        {
            problems.Add("ExecUriLifetime must be positive (ECI's is 30 seconds).");
        }

        problems.AddRange(Region.Validate());
        problems.AddRange(Lifecycle.Validate());
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The ECI emulator is misconfigured:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)));
        }
    }
}
