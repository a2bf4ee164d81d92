using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>
/// DescribeAvailableResource (reference §3.9): stock of instance types (or families) per zone, in ECI's XML-heritage
/// wrappers. StatusCategory: <c>WithStock</c>; <c>ClosedWithStock</c> when at or below the low-stock threshold;
/// <c>WithoutStock</c> when sold out; <c>ClosedWithoutStock</c> in a closed zone.
/// </summary>
internal sealed class DescribeAvailableResourceAction : IEciAction
{
    public string Name => "DescribeAvailableResource";

    public object Execute(ActionCall call)
    {
        RpcParameters p = call.Parameters;
        string category = p.Required("DestinationResource.Category");
        if (category is not ("InstanceType" or "InstanceTypeFamily"))
        {
            throw EciErrors.InvalidParameter("DestinationResource.Category", "Use InstanceType or InstanceTypeFamily.");
        }

        RegionState region = call.State.Region;
        string? value = p.Optional("DestinationResource.Value");
        string? zoneId = p.Optional("ZoneId");
        double? cores = p.Double("DestinationResource.Cores");
        double? memory = p.Double("DestinationResource.Memory");
        IEnumerable<InstanceTypeOptions> types = region.Options.InstanceTypes.Where(t =>
            (value is null || (category == "InstanceType" ? t.InstanceType == value : t.Family == value))
            && (cores is null || t.Cpu == cores) && (memory is null || t.Memory == memory));
        var zones = region.Options.Zones.Where(z => zoneId is null || z.ZoneId == zoneId).Select(z => new
        {
            region.Options.RegionId,
            z.ZoneId,
            AvailableResources = new
            {
                AvailableResource = new[]
                {
                    new
                    {
                        Type = category,
                        SupportedResources = new
                        {
                            SupportedResource = types.Select(t => new
                            {
                                Value = category == "InstanceType" ? t.InstanceType : t.Family,
                                StatusCategory = Status(region, z.ZoneId, t),
                            }).DistinctBy(r => r.Value).ToArray(),
                        },
                    },
                },
            },
        }).ToArray();
        return new { call.RequestId, AvailableZones = new { AvailableZone = zones } };
    }

    private static string Status(RegionState region, string zone, InstanceTypeOptions t)
    {
        int left = region.Stock.Remaining(zone, new Spec(t.InstanceType, t.Cpu, t.Memory, t.Gpu, true));
        bool open = region.IsZoneAvailable(zone);
        return (open, left) switch
        {
            (false, _) => "ClosedWithoutStock",
            (_, <= 0) => "WithoutStock",
            _ when left <= region.Options.LowStockThreshold => "ClosedWithStock",
            _ => "WithStock",
        };
    }
}
