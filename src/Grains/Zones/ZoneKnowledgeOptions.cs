using System.Net;

namespace OrleansEci.Grains.Zones;

/// <summary>
/// How zone knowledge is kept and shared (configuration section <c>Zones</c>). Validated at start-up.
/// </summary>
public sealed class ZoneKnowledgeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Zones";

    /// <summary>
    /// How long a refusal (no stock, no addresses, a full security group) is believed before the zone is tried again.
    /// Default 10 minutes. After a <c>NoStock</c>, each zone and spec costs at most one failed create per period per
    /// silo, plus the creates already in flight when it was learned.
    /// </summary>
    public TimeSpan Decay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How old a silo's copy of a zone grain's snapshot may get before it is fetched again (in the background; a
    /// create never waits for it). What a silo learns itself counts at once. Default 5 seconds.
    /// </summary>
    public TimeSpan SnapshotRefresh { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a zone grain asks ECI's DescribeAvailableResource about the ECS instance types pods have asked for in its
    /// zone (one call per zone; it covers instance types only, not vCPU-memory specs). <see cref="TimeSpan.Zero"/> turns
    /// it off. Default 5 minutes.
    /// </summary>
    public TimeSpan AvailableResourceRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Creates this silo sends at once (pod grains wait for a slot before they rank their zones). Bounds the creates that
    /// were ranked before a zone sold out and still go there: without it, every create queued behind ECI's flow control
    /// (hundreds at 20/s) would meet the sold-out zone. Default 8; at ECI's 20 creates/s that is 0.4 s of queue.
    /// </summary>
    public int MaxCreatesInFlight { get; set; } = 8;

    /// <summary>
    /// The strategy for pods without <c>k8s.aliyun.com/eci-schedule-strategy</c>: <c>VSwitchOrdered</c> (default; a
    /// node's vSwitches are listed in preference order) or <c>VSwitchRandom</c> (ECI's own default, which spreads).
    /// </summary>
    public string DefaultScheduleStrategy { get; set; } = ZoneRanker.Ordered;

    /// <summary>
    /// What ECI cannot tell: the zone and CIDR block of each vSwitch (ECI has no vSwitch API; VPC's DescribeVSwitches
    /// would). Keyed by vSwitch id. A vSwitch of a node with one <c>ZoneId</c> is in that zone without an entry; any
    /// other vSwitch without an entry is ranked as its own pseudo-zone. The CIDR block bounds the free addresses
    /// (block size minus the 4 Alibaba reserves, minus the groups placed there).
    /// </summary>
    public IDictionary<string, ZoneVSwitchOptions> VSwitches { get; set; } = new Dictionary<string, ZoneVSwitchOptions>(StringComparer.Ordinal);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every problem and how to fix it.</summary>
    public void Validate()
    {
        List<string> problems = [];
        if (Decay <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:Decay is {Decay}. Use a positive duration such as 00:10:00.");
        }

        if (SnapshotRefresh <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:SnapshotRefresh is {SnapshotRefresh}. Use a positive duration such as 00:00:05.");
        }

        if (AvailableResourceRefresh < TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:AvailableResourceRefresh is {AvailableResourceRefresh}. Use a duration such as 00:05:00, or 00:00:00 for none.");
        }

        if (MaxCreatesInFlight < 1)
        {
            problems.Add($"{SectionName}:MaxCreatesInFlight is {MaxCreatesInFlight}. Use at least 1 (default 8).");
        }

        if (DefaultScheduleStrategy is not (ZoneRanker.Ordered or ZoneRanker.Random))
        {
            problems.Add($"{SectionName}:DefaultScheduleStrategy is '{DefaultScheduleStrategy}'. Use {ZoneRanker.Ordered} or {ZoneRanker.Random}.");
        }

        foreach ((string id, ZoneVSwitchOptions v) in VSwitches)
        {
            if (string.IsNullOrWhiteSpace(v.ZoneId))
            {
                problems.Add($"{SectionName}:VSwitches:{id}:ZoneId is empty. Set the vSwitch's zone, e.g. cn-hangzhou-h.");
            }

            if (v.CidrBlock is { } cidr && UsableAddresses(cidr) is null)
            {
                problems.Add($"{SectionName}:VSwitches:{id}:CidrBlock is '{cidr}'. Use an IPv4 block from /8 to /29, e.g. 192.168.0.0/24.");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }
    }

    /// <summary>
    /// Addresses a vSwitch of <paramref name="cidr"/> can give to instances: the block minus the first address and the
    /// last three, which Alibaba VPC reserves (https://www.alibabacloud.com/help/en/vpc/user-guide/create-and-manage-vswitch);
    /// null when the text is not an IPv4 block from /8 to /29.
    /// </summary>
    public static int? UsableAddresses(string cidr) =>
        IPNetwork.TryParse(cidr, out IPNetwork net) && net.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && net.PrefixLength is >= 8 and <= 29
            ? (1 << (32 - net.PrefixLength)) - 4
            : null;
}
