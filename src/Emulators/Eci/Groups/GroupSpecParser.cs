using System.Globalization;
using System.Text.RegularExpressions;

using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>Parses and validates a CreateContainerGroup request into a <see cref="GroupSpec"/> (reference §3.1).</summary>
internal static partial class GroupSpecParser
{
    public static GroupSpec Parse(RpcParameters p)
    {
        string name = p.Required("ContainerGroupName");
        if (name.Length is < 2 or > 128 || !GroupName().IsMatch(name))
        {
            throw EciErrors.InvalidParameter("ContainerGroupName",
                "Use 2-128 lowercase letters, digits and '-', not starting or ending with '-'.");
        }

        IReadOnlyList<VolumeSpec> volumes = VolumeSpecParser.ParseAll(p);
        HashSet<string> volumeNames = [.. volumes.Select(v => v.Name)];
        IReadOnlyList<ContainerSpec> containers = ContainerSpecParser.ParseAll(p, "Container", volumeNames);
        if (containers.Count == 0)
        {
            throw EciErrors.MissingParameter("Container");
        }

        IReadOnlyList<ContainerSpec> inits = ContainerSpecParser.ParseAll(p, "InitContainer", volumeNames);
        return new GroupSpec
        {
            Name = name,
            ZoneId = p.Optional("ZoneId"),
            SecurityGroupId = p.Optional("SecurityGroupId"),
            VSwitchIds = CommaList(p, "VSwitchId", 10),
            ScheduleStrategy = OneOf(p, "ScheduleStrategy", "VSwitchOrdered", "VSwitchOrdered", "VSwitchRandom"),
            Cpu = p.Double("Cpu", 0.25, 64),
            Memory = p.Double("Memory", 0.5, 512),
            InstanceTypes = CommaList(p, "InstanceType", 5),
            RestartPolicy = OneOf(p, "RestartPolicy", "Always", "Always", "OnFailure", "Never"),
            TerminationGracePeriodSeconds = p.Long("TerminationGracePeriodSeconds", 0, 86_400),
            ActiveDeadlineSeconds = p.Long("ActiveDeadlineSeconds", 1),
            SpotStrategy = OneOf(p, "SpotStrategy", "NoSpot", "NoSpot", "SpotWithPriceLimit", "SpotAsPriceGo"),
            SpotPriceLimit = SpotPrice(p),
            SpotDurationHours = p.Int("SpotDuration", 0, 6) ?? 1,
            Tags = Tags(p),
            Containers = containers,
            InitContainers = inits,
            Volumes = volumes,
            HostName = p.Optional("HostName"),
            DnsPolicy = p.Optional("DnsPolicy"),
            RamRoleName = p.Optional("RamRoleName"),
            ResourceGroupId = p.Optional("ResourceGroupId"),
            EphemeralStorage = p.Int("EphemeralStorage", 0, 2048),
            ComputeCategory = p.List("ComputeCategory"),
            DnsNameServers = p.List("DnsConfig.NameServer"),
            DnsSearches = p.List("DnsConfig.Search"),
            DnsOptions = [.. p.Items("DnsConfig.Option").Select(o => KeyValuePair.Create(p.Required(o + ".Name"), p.Optional(o + ".Value")))],
            HostAliases = [.. p.Items("HostAliase").SelectMany(h => p.List(h + ".Hostname").Select(n => KeyValuePair.Create(p.Required(h + ".Ip"), n)))],
        }.Validated(p);
    }

    private static GroupSpec Validated(this GroupSpec spec, RpcParameters p)
    {
        if (spec.SpotStrategy == "SpotWithPriceLimit" && spec.SpotPriceLimit is null)
        {
            throw EciErrors.MissingParameter("SpotPriceLimit");
        }

        string? token = p.Optional("ClientToken");
        if (token is not null && (token.Length > 64 || !token.All(char.IsAscii)))
        {
            throw EciErrors.InvalidParameter("ClientToken", "Use at most 64 ASCII characters.");
        }

        double cpu = spec.Cpu ?? spec.Containers.Sum(c => c.Cpu);
        return cpu > 64
            ? throw EciErrors.InvalidParameter("Cpu", $"A container group has at most 64 vCPUs; {cpu} were requested.")
            : spec;
    }

    public static IReadOnlyList<KeyValuePair<string, string>> Tags(RpcParameters p)
    {
        IReadOnlyList<KeyValuePair<string, string>> tags = p.Tags();
        if (tags.Count > 20)
        {
            throw EciErrors.InvalidParameter("Tag", $"At most 20 tags are allowed; {tags.Count} were given.");
        }

        foreach ((string key, string value) in tags)
        {
            if (key.Length > 64 || key.StartsWith("acs:", StringComparison.Ordinal) || key.StartsWith("aliyun", StringComparison.Ordinal)
                || key.Contains("http://", StringComparison.Ordinal) || key.Contains("https://", StringComparison.Ordinal) || value.Length > 128)
            {
                throw EciErrors.InvalidParameter("Tag.N.Key", $"Tag \"{key}\": keys are at most 64 characters, not starting with acs: or aliyun, without http(s)://; values at most 128.");
            }
        }

        return tags;
    }

    private static decimal? SpotPrice(RpcParameters p)
    {
        string? text = p.Optional("SpotPriceLimit");
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal price) || price <= 0 || decimal.Round(price, 3) != price)
        {
            throw EciErrors.InvalidParameter("SpotPriceLimit", $"Use a positive hourly price with at most 3 decimals, got \"{text}\".");
        }

        return price;
    }

    private static string[] CommaList(RpcParameters p, string name, int max)
    {
        string? text = p.Optional(name);
        if (text is null)
        {
            return [];
        }

        string[] items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return items.Length > max
            ? throw EciErrors.InvalidParameter(name, $"At most {max} comma-separated values are allowed; {items.Length} were given.")
            : items;
    }

    private static string OneOf(RpcParameters p, string name, string fallback, params string[] allowed)
    {
        string value = p.Optional(name) ?? fallback;
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw EciErrors.InvalidParameter(name, $"Use one of {string.Join(", ", allowed)}; got \"{value}\".");
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex GroupName();
}
