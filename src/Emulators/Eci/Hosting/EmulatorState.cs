using OrleansEci.Emulators.Eci.Control;
using OrleansEci.Emulators.Eci.Exec;
using OrleansEci.Emulators.Eci.Groups;
using OrleansEci.Emulators.Eci.Protocol;
using OrleansEci.Emulators.Eci.RateLimiting;
using OrleansEci.Emulators.Eci.Regions;

namespace OrleansEci.Emulators.Eci.Hosting;

/// <summary>The emulator's state, shared by the RPC actions, the exec WebSocket and the control API.</summary>
internal sealed class EmulatorState
{
    public EmulatorState(EciEmulatorOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Random = options.RandomSeed is int seed ? new Random(seed) : new Random();
        Authenticator = new RequestAuthenticator(options.AccessKeys, time, options.TimestampTolerance);
        RateLimits = new RateLimiterRegistry(options.RateLimits, time);
        Faults = new FaultInjector(Random);
        Reset();
    }

    public EciEmulatorOptions Options { get; }
    public TimeProvider Time { get; }
    public Random Random { get; }
    public RequestAuthenticator Authenticator { get; }
    public RateLimiterRegistry RateLimits { get; }
    public FaultInjector Faults { get; }
    public CallCounters Counters { get; } = new();
    public RegionState Region { get; private set; } = null!;
    public ContainerGroupStore Groups { get; private set; } = null!;
    public Placer Placer { get; private set; } = null!;
    public ExecSessionStore ExecSessions { get; private set; } = null!;
    public ClientTokens ClientTokens { get; private set; } = null!;

    /// <summary>Set by the host once it listens: the base URI that exec WebSocket URIs point at.</summary>
    public Uri BaseUri { get; set; } = new("http://127.0.0.1/");

    public GroupContext Context => Groups.Context;

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Back to the configured state: no groups, no faults, zero counters, fresh stock and limiters.</summary>
    public void Reset()
    {
        Region = new RegionState(Options.Region);
        Groups = new ContainerGroupStore(new GroupContext(Options.Lifecycle, Region));
        Placer = new Placer(Region, Random);
        ExecSessions = new ExecSessionStore(Time, Options.ExecUriLifetime);
        ClientTokens = new ClientTokens();
        Faults.Clear();
        Counters.Clear();
        RateLimits.Reset();
        Authenticator.Nonces.Clear();
    }

    public string NewId(string prefix)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> chars = stackalloc char[20];
        lock (Random)
        {
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[Random.Next(Alphabet.Length)];
            }
        }

        return prefix + new string(chars);
    }
}
