using System.Net;

namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>
/// The emulated region: zones, vSwitches, security groups, instance types with stock, vCPU/memory specs with stock,
/// the account's vCPU quota and spot market prices. <see cref="CreateDefault"/> gives a realistic three-zone region.
/// </summary>
public sealed class RegionOptions
{
    /// <summary>Region id. Default <c>cn-hangzhou</c>.</summary>
    public string RegionId { get; set; } = "cn-hangzhou";

    /// <summary>The VPC every vSwitch belongs to. Default <c>vpc-emu-default</c>.</summary>
    public string VpcId { get; set; } = "vpc-emu-default";

    /// <summary>Zones.</summary>
    public IList<ZoneOptions> Zones { get; } = [];

    /// <summary>vSwitches (one or more per zone).</summary>
    public IList<VSwitchOptions> VSwitches { get; } = [];

    /// <summary>Security groups; the first is used when a create names none.</summary>
    public IList<SecurityGroupOptions> SecurityGroups { get; } = [];

    /// <summary>Instance types with stock per zone.</summary>
    public IList<InstanceTypeOptions> InstanceTypes { get; } = [];

    /// <summary>Stock of every vCPU/memory spec (<c>2-4Gi</c> style) in every zone, unless changed through the
    /// control API. Default 100000.</summary>
    public int SpecStockPerZone { get; set; } = 100_000;

    /// <summary>The account's regional vCPU quota (ListUsage <c>MaxCpu</c>). Default 10000.</summary>
    public double VcpuQuota { get; set; } = 10_000;

    /// <summary>On-demand price per vCPU-hour used to derive prices, in CNY. Default 0.12.</summary>
    public decimal PricePerVcpuHour { get; set; } = 0.12m;

    /// <summary>On-demand price per GiB-hour, in CNY. Default 0.016.</summary>
    public decimal PricePerGibHour { get; set; } = 0.016m;

    /// <summary>Spot market price as a fraction of the on-demand price. Default 0.3.</summary>
    public decimal SpotPriceRatio { get; set; } = 0.3m;

    /// <summary>Remaining stock at or below which a placement records a <c>StockExhaust</c> warning. Default 5.</summary>
    public int LowStockThreshold { get; set; } = 5;

    /// <summary>The regional endpoint host that appears as <c>HostId</c> in error envelopes.</summary>
    public string EndpointHost => $"eci.{RegionId}.aliyuncs.com";

    /// <summary>Three zones (h, i, j) of cn-hangzhou with one /18 vSwitch each, a basic and an enterprise security
    /// group, and eight instance types of which some are not sold in every zone.</summary>
    public static RegionOptions CreateDefault()
    {
        RegionOptions r = new();
        string[] zones = ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"];
        for (int i = 0; i < zones.Length; i++)
        {
            r.Zones.Add(new ZoneOptions { ZoneId = zones[i] });
            r.VSwitches.Add(new VSwitchOptions { VSwitchId = "vsw-emu-" + zones[i][^1], ZoneId = zones[i], CidrBlock = $"192.168.{i * 64}.0/18" });
        }

        r.SecurityGroups.Add(new SecurityGroupOptions { SecurityGroupId = "sg-emu-default", InstanceQuota = 65_536 });
        r.SecurityGroups.Add(new SecurityGroupOptions { SecurityGroupId = "sg-emu-basic", InstanceQuota = 2000 });
        AddType(r, "ecs.c6.large", 2, 4, 0, 2000, 2000, 2000);
        AddType(r, "ecs.c6.xlarge", 4, 8, 0, 1000, 1000, 1000);
        AddType(r, "ecs.g6.large", 2, 8, 0, 2000, 2000, 2000);
        AddType(r, "ecs.g6.xlarge", 4, 16, 0, 1000, 1000, 0);
        AddType(r, "ecs.r6.large", 2, 16, 0, 500, 0, 500);
        AddType(r, "ecs.c5.large", 2, 4, 0, 200, 200, 0);
        AddType(r, "ecs.c7.large", 2, 4, 0, 0, 1000, 1000);
        AddType(r, "ecs.gn6i-c4g1.xlarge", 4, 15, 1, 20, 0, 0);
        return r;
    }

    private static void AddType(RegionOptions r, string name, double cpu, double memory, int gpu, params int[] stock)
    {
        InstanceTypeOptions t = new() { InstanceType = name, Cpu = cpu, Memory = memory, Gpu = gpu };
        for (int i = 0; i < stock.Length && i < r.Zones.Count; i++)
        {
            if (stock[i] > 0)
            {
                t.StockPerZone[r.Zones[i].ZoneId] = stock[i];
            }
        }

        r.InstanceTypes.Add(t);
    }

    /// <summary>Problems that would make the region unusable, each saying how to fix it; empty when valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(RegionId))
        {
            yield return "Region.RegionId is empty. Set it to a region id such as cn-hangzhou.";
        }

        if (Zones.Count == 0)
        {
            yield return "Region.Zones is empty. Add at least one zone (RegionOptions.CreateDefault() has three).";
        }

        HashSet<string> zoneIds = [.. Zones.Select(z => z.ZoneId)];
        foreach (VSwitchOptions v in VSwitches)
        {
            if (!zoneIds.Contains(v.ZoneId))
            {
                yield return $"vSwitch {v.VSwitchId} names zone '{v.ZoneId}', which is not in Region.Zones. Add the zone or fix the vSwitch.";
            }

            if (!IPNetwork.TryParse(v.CidrBlock, out IPNetwork net) || net.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
                || net.PrefixLength > 29 || net.PrefixLength < 8)
            {
                yield return $"vSwitch {v.VSwitchId} has CIDR '{v.CidrBlock}'. Use an IPv4 block from /8 to /29, e.g. 192.168.0.0/24.";
            }
        }

        if (SecurityGroups.Count == 0)
        {
            yield return "Region.SecurityGroups is empty. Add at least one security group.";
        }

        foreach (InstanceTypeOptions t in InstanceTypes.Where(t => t.Cpu <= 0 || t.Memory <= 0))
        {
            yield return $"Instance type '{t.InstanceType}' needs a positive Cpu and Memory.";
        }

        if (VcpuQuota <= 0)
        {
            yield return "Region.VcpuQuota must be positive (vCPUs the account may use at once).";
        }
    }
}
