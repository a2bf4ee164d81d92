using Orleans.Concurrency;

namespace OrleansEci.Grains.Zones;

/// <summary>
/// What the runtime has learned about one ECI zone, keyed <c>region/zone</c> (e.g. <c>cn-hangzhou/cn-hangzhou-h</c>;
/// a vSwitch whose zone is not configured is its own pseudo-zone <c>region/vswitch:vsw-...</c>): stock per spec from
/// create results and ECI events, vSwitches out of IPs, security groups at their instance quota, groups placed per
/// vSwitch. Knowledge decays (<c>Zones:Decay</c>, default 10 minutes), so a zone that ran out is tried again later.
/// Not on the create path: pod grains rank through a silo-local cache of <see cref="GetSnapshot"/> and report with
/// one-way calls, so no create ever waits on this activation. Knowledge is soft state: lost with the activation, it
/// is learned again from the next refusals.
/// </summary>
[Alias("eci.IZoneGrain")]
public interface IZoneGrain : IGrainWithStringKey
{
    /// <summary>Records one outcome. One-way: the caller never waits; a lost report costs one more failed create.</summary>
    [Alias("Report"), OneWay]
    Task Report(ZoneReport report);

    /// <summary>Every fact still in force. Side-effect free; answers even mid-turn.</summary>
    [Alias("GetSnapshot"), AlwaysInterleave, ReadOnly]
    Task<ZoneSnapshot> GetSnapshot();
}
