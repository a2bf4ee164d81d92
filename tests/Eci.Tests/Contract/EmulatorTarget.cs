using OrleansEci.Eci.Tests.LocalEci;

namespace OrleansEci.Eci.Tests.Contract;

/// <summary>
/// The contract suite's local target: the ECI emulator in-process on a fake clock, with the client on the same
/// clock. Waiting means advancing that clock one second at a time between reads (no call is in flight then),
/// so a whole lifecycle takes no real time.
/// </summary>
internal sealed class EmulatorTarget : ContractTarget
{
    public const string TargetName = "emulator";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);
    private readonly LocalEciService _service;

    private EmulatorTarget(LocalEciService service)
    {
        _service = service;
        Client = service.CreateClient();
    }

    public override string Name => TargetName;

    public override IEciClient Client { get; }

    public override string RegionId => _service.RegionId;

    /// <summary>Two vSwitches in two zones, so creates exercise the multi-zone list.</summary>
    public override IReadOnlyList<string> VSwitchIds => [.. _service.Host.Region.VSwitches.Take(2).Select(v => v.VSwitchId)];

    public override string? SecurityGroupId => _service.Host.Region.SecurityGroups[0].SecurityGroupId;

    public override string Image => RealEciTarget.DefaultImage(RegionId);

    public static async Task<EmulatorTarget> StartAsync(CancellationToken cancellationToken) =>
        new(await LocalEciService.StartAsync(configure: null, cancellationToken));

    public override async Task<T> EventuallyAsync<T>(string what, Func<CancellationToken, Task<T>> read, Func<T, bool> done, CancellationToken cancellationToken)
    {
        DateTimeOffset deadline = _service.Clock.GetUtcNow() + Patience;
        while (true)
        {
            T value = await read(cancellationToken);
            if (done(value))
            {
                return value;
            }

            Assert.True(_service.Clock.GetUtcNow() < deadline, $"Expected {what} within {Patience} of emulator time; the last reading was {value}");
            _service.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    public override Task LetTimePassAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        _service.Clock.Advance(duration);
        return Task.CompletedTask;
    }

    protected override ValueTask DisposeCoreAsync() => _service.DisposeAsync();
}
