using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>Network placement, addresses, EIP, IPv6 and bandwidth annotations.</summary>
internal static partial class AnnotationMapper
{
    private const int MaxVSwitches = 10;
    private const int MaxSecurityGroups = 5;

    private static CreateContainerGroupRequest Network(MappingScope scope, AnnotationReader reader, CreateContainerGroupRequest request)
    {
        IReadOnlyList<string>? groups = reader.List([PodAnnotations.SecurityGroup], MaxSecurityGroups, IdPattern(), "security group ids (sg-...)");
        if (groups is { Count: > 1 })
        {
            scope.Note($"Annotation {PodAnnotations.SecurityGroup}: only the first security group {groups[0]} is applied; CreateContainerGroup takes one SecurityGroupId.");
        }

        IReadOnlyList<string>? vSwitches = reader.List([PodAnnotations.VSwitch], MaxVSwitches, IdPattern(), "vSwitch ids (vsw-...)");
        string? strategy = reader.OneOf(PodAnnotations.ScheduleStrategy, "VSwitchOrdered", "VSwitchRandom");
        string? resourceGroup = reader.Matching(PodAnnotations.ResourceGroupId, IdPattern(), "a resource group id (rg-...)");
        string? privateIp = reader.Parse([PodAnnotations.PrivateIpAddress], "an IPv4 address such as 172.16.0.1", v => IsIp(v, AddressFamily.InterNetwork) ? v : null);
        bool? fixedIp = reader.Bool(PodAnnotations.FixedIp);
        int? retain = reader.Int(PodAnnotations.FixedIpRetainHour, 1, 87600);
        return request with
        {
            SecurityGroupId = groups?[0] ?? request.SecurityGroupId,
            VSwitchIds = vSwitches ?? request.VSwitchIds,
            ScheduleStrategy = strategy,
            ResourceGroupId = resourceGroup ?? request.ResourceGroupId,
            PrivateIpAddress = privateIp,
            FixedIp = fixedIp,
            FixedIpRetainHour = retain,
        };
    }

    private static CreateContainerGroupRequest PublicNetwork(AnnotationReader reader, CreateContainerGroupRequest request)
    {
        string? eip = reader.Matching(PodAnnotations.EipInstanceId, IdPattern(), "an EIP id (eip-...)");
        bool? withEip = reader.Bool(PodAnnotations.WithEip);
        int? bandwidth = reader.Int(PodAnnotations.EipBandwidth, 1, 10000);
        string? package = reader.Matching(PodAnnotations.EipCommonBandwidthPackageId, IdPattern(), "a bandwidth package id (cbwp-...)");
        string? isp = reader.OneOf(PodAnnotations.EipIsp, "BGP", "BGP_PRO");
        _ = reader.OneOf(PodAnnotations.EipInternetChargeType, "PayByBandwidth", "PayByTraffic");
        reader.NotApplied(PodAnnotations.EipInternetChargeType, "the ECI client has no EIP charge-type parameter yet; the EIP uses ECI's default.");
        reader.NotApplied(PodAnnotations.EipPublicIpAddressPoolId, "the ECI client has no IP address pool parameter yet.");

        bool? ipv6 = reader.Bool(PodAnnotations.EnableIpv6);
        int? ipv6Count = reader.Int(PodAnnotations.Ipv6Count, 0, 1);
        bool? ipv6Bandwidth = reader.Bool(PodAnnotations.Ipv6BandwidthEnable);
        string? ipv6Peak = reader.Parse([PodAnnotations.Ipv6Bandwidth], "Mbit/s from 1 to 2000, such as 100M or 200", v =>
        {
            string digits = v.EndsWith('M') ? v[..^1] : v;
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 2000
                ? n.ToString(CultureInfo.InvariantCulture)
                : null;
        });

        return request with
        {
            EipInstanceId = eip,
            AutoCreateEip = withEip,
            EipBandwidth = bandwidth,
            EipCommonBandwidthPackage = package,
            EipIsp = isp,
            Ipv6AddressCount = ipv6 == true ? 1 : ipv6Count is > 0 ? ipv6Count : null,
            Ipv6GatewayBandwidthEnable = ipv6Bandwidth,
            Ipv6GatewayBandwidth = ipv6Peak,
            IngressBandwidth = Bandwidth(reader, PodAnnotations.IngressBandwidth),
            EgressBandwidth = Bandwidth(reader, PodAnnotations.EgressBandwidth),
        };
    }

    /// <summary>
    /// ECI reads these annotations as bytes per second with units TB, T, GB, G, MB, M, KB, K, B (none = bytes), so
    /// 40M is 320 Mbit/s (eci-annotations-current.md §1, source BW); the API wants bit/s.
    /// </summary>
    private static long? Bandwidth(AnnotationReader reader, string name) =>
        reader.Parse([name], "a positive number of bytes per second with an optional unit TB, T, GB, G, MB, M, KB, K or B, such as 40M", v =>
        {
            Match match = BandwidthPattern().Match(v);
            if (!match.Success || !decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount))
            {
                return (long?)null;
            }

            decimal unit = match.Groups[2].Value.ToUpperInvariant() switch
            {
                "T" or "TB" => 1e12m,
                "G" or "GB" => 1e9m,
                "M" or "MB" => 1e6m,
                "K" or "KB" => 1e3m,
                _ => 1m,
            };
            decimal bits = amount * unit * 8m;
            return bits is >= 1m and <= long.MaxValue ? (long)bits : null;
        });

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(TB|T|GB|G|MB|M|KB|K|B)?$", RegexOptions.IgnoreCase)]
    private static partial Regex BandwidthPattern();
}
