using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>DescribeRegions (reference §3.9): the one emulated region with its zones; <c>RecommendZones</c> are the
/// available zones ordered by how much vCPU/memory-spec stock they have; closed zones are <c>UnavailableZones</c>.</summary>
internal sealed class DescribeRegionsAction : IEciAction
{
    public string Name => "DescribeRegions";

    public object Execute(ActionCall call)
    {
        RegionState region = call.State.Region;
        RegionOptions o = region.Options;
        Spec probe = Spec.ForSize(2, 4);
        string[] available = [.. o.Zones.Where(z => region.IsZoneAvailable(z.ZoneId)).Select(z => z.ZoneId)];
        return new
        {
            call.RequestId,
            Regions = new[]
            {
                new
                {
                    o.RegionId,
                    RegionEndpoint = o.EndpointHost,
                    Zones = o.Zones.Select(z => z.ZoneId).ToArray(),
                    RecommendZones = available.OrderByDescending(z => region.Stock.Remaining(z, probe)).ToArray(),
                    UnavailableZones = o.Zones.Where(z => !region.IsZoneAvailable(z.ZoneId)).Select(z => z.ZoneId).ToArray(),
                },
            },
        };
    }
}
