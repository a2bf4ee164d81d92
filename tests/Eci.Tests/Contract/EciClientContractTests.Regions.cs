using OrleansEci.Eci.Regions;

namespace OrleansEci.Eci.Tests.Contract;

/// <summary>The region: DescribeRegions and DescribeAvailableResource.</summary>
public sealed partial class EciClientContractTests
{
    [Theory]
    [MemberData(nameof(Targets))]
    public async Task DescribeRegions_Always_ListsTheClientsRegionWithZones(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);

        DescribeRegionsResponse regions = await target.Client.DescribeRegionsAsync(cancellationToken: Ct);

        RegionInfo? region = regions.Regions.SingleOrDefault(r => r.RegionId == target.RegionId);
        Assert.True(region is { RegionEndpoint.Length: > 0, Zones.Count: > 0 },
            $"Expected {target.RegionId} with an endpoint and zones among [{string.Join(", ", regions.Regions.Select(r => r.RegionId))}], got {region}");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task DescribeAvailableResource_InstanceTypes_ListsZonesOfTheRegionWithStockStates(string targetName)
    {
        await using ContractTarget target = await ContractTarget.StartAsync(targetName, Ct);
        string[] states = ["WithStock", "ClosedWithStock", "WithoutStock", "ClosedWithoutStock"];

        DescribeAvailableResourceResponse resources = await target.Client.DescribeAvailableResourceAsync(
            new DescribeAvailableResourceRequest { DestinationResource = new DestinationResource { Category = "InstanceType" } }, Ct);

        SupportedResource[] supported = [.. resources.Zones.SelectMany(z => z.AvailableResources?.AvailableResource ?? [])
            .SelectMany(r => r.SupportedResources?.SupportedResource ?? [])];
        Assert.True(resources.Zones.Count > 0 && resources.Zones.All(z => z.RegionId == target.RegionId && z.ZoneId?.StartsWith(target.RegionId, StringComparison.Ordinal) == true),
            $"Expected zones of {target.RegionId}, got [{string.Join(", ", resources.Zones.Select(z => $"{z.RegionId}/{z.ZoneId}"))}]");
        Assert.True(supported.Length > 0 && supported.All(s => !string.IsNullOrEmpty(s.Value) && states.Contains(s.StatusCategory)),
            $"Expected instance types with a documented StatusCategory, got [{string.Join(", ", supported.Select(s => $"{s.Value}:{s.StatusCategory}"))}]");
    }
}
