using Microsoft.Extensions.Options;

namespace OrleansEci.Grains.Zones;

/// <summary>
/// One zone's shared knowledge (see <see cref="IZoneGrain"/>): applies the reports of every silo and hands out
/// snapshots. Not persisted: knowledge decays within minutes anyway, and what is lost is learned again.
/// </summary>
public sealed class ZoneGrain(IOptions<ZoneKnowledgeOptions> options, TimeProvider time) : Grain, IZoneGrain
{
    private readonly ZoneKnowledge _knowledge = new(options.Value.Decay);

    public Task Report(ZoneReport report)
    {
        _knowledge.Apply(report);
        return Task.CompletedTask;
    }

    public Task<ZoneSnapshot> GetSnapshot()
    {
        DateTimeOffset now = time.GetUtcNow();
        return Task.FromResult(new ZoneSnapshot(this.GetPrimaryKeyString(), _knowledge.Version, _knowledge.Facts(now), now));
    }
}
