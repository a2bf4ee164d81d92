using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>Images and registries, the operating system, DNS and hosts, tags and the data cache.</summary>
internal static partial class AnnotationMapper
{
    /// <summary>ECI binds at most 3 custom tags (eci-annotations-current.md §2, TAGS) and 20 tags in all (eci-openapi.md §3.1).</summary>
    private const int MaxCustomTags = 3;
    private const int MaxTags = 20;

    private static CreateContainerGroupRequest Images(AnnotationReader reader, CreateContainerGroupRequest request)
    {
        string? snapshot = reader.Matching(PodAnnotations.ImcId, IdPattern(), "an image cache id (imc-...)")
            ?? reader.Matching(PodAnnotations.ImageSnapshotId, IdPattern(), "an image cache id (imc-...)");
        bool? auto = reader.Bool(PodAnnotations.AutoImc, PodAnnotations.ImageCache);
        _ = reader.Bool(PodAnnotations.ImcPerfectMatch);
        reader.NotApplied(PodAnnotations.ImcPerfectMatch, "CreateContainerGroup has no parameter for it.");
        _ = reader.Int(PodAnnotations.ImcMatchCountRequest, 1, 20);
        reader.NotApplied(PodAnnotations.ImcMatchCountRequest, "CreateContainerGroup has no parameter for it.");

        IReadOnlyList<string>? acr = reader.List([PodAnnotations.AcrInstanceIds, PodAnnotations.AcrInstanceId], 10, AcrPattern(), "ACR instance ids (cri-... or region:cri-...)");
        IReadOnlyList<string>? serviceArns = reader.List([PodAnnotations.AcrServiceArns], 10, ArnPattern(), "RAM role ARNs (acs:ram::...)");
        IReadOnlyList<string>? userArns = reader.List([PodAnnotations.AcrUserArns], 10, ArnPattern(), "RAM role ARNs (acs:ram::...)");
        List<AcrRegistryInfo>? registries = acr?.Select((id, i) =>
        {
            string[] parts = id.Split(':');
            return new AcrRegistryInfo
            {
                InstanceId = parts[^1],
                RegionId = parts.Length == 2 ? parts[0] : null,
                ArnService = Arn(serviceArns, i),
                ArnUser = Arn(userArns, i),
            };
        }).ToList();

        IReadOnlyList<string>? insecure = reader.List([PodAnnotations.InsecureRegistry], 20, RegistryPattern(), "registries (host or host:port)");
        IReadOnlyList<string>? plain = reader.List([PodAnnotations.PlainHttpRegistry], 20, RegistryPattern(), "registries (host or host:port)");
        string? role = reader.Matching(PodAnnotations.RamRoleName, RolePattern(), "a RAM role name such as AliyunECIContainerGroupRole");
        return request with
        {
            ImageSnapshotId = snapshot,
            AutoMatchImageCache = auto,
            AcrRegistryInfos = registries,
            InsecureRegistries = insecure,
            PlainHttpRegistries = plain,
            RamRoleName = role,
        };
    }

    /// <summary>ARNs pair with the instances by position; a single ARN applies to every instance.</summary>
    private static string? Arn(IReadOnlyList<string>? arns, int index) =>
        arns is null ? null : arns.Count == 1 ? arns[0] : index < arns.Count ? arns[index] : null;

    private static CreateContainerGroupRequest OperatingSystem(MappingScope scope, AnnotationReader reader, CreateContainerGroupRequest request)
    {
        string? core = reader.Parse([PodAnnotations.CorePattern], "a directory path that does not start with '|', such as /pod/data/dump/core", v => v.StartsWith('/') ? v : null);
        IReadOnlyList<string>? ntp = reader.List([PodAnnotations.NtpServer], 10, AnyPattern(), "NTP server IP addresses");
        if (ntp is not null && !ntp.All(n => IsIp(n, AddressFamily.InterNetwork) || IsIp(n, AddressFamily.InterNetworkV6)))
        {
            scope.InvalidAnnotation(PodAnnotations.NtpServer, string.Join(',', ntp), "a comma-separated list of NTP server IP addresses, such as 100.100.5.1,100.100.5.2");
            ntp = null;
        }

        DnsConfig? dns = reader.Parse([PodAnnotations.CustomDnsConfig], "JSON such as {\"nameservers\":\"1.1.1.1,8.8.8.8\",\"searches\":\"x.com\",\"options\":\"ndots:2,edns0\"}", CustomDns);
        List<(string Ip, string Host)>? hosts = reader.Parse([PodAnnotations.CustomHosts], "a JSON array such as [{\"host\":\"a.com\",\"ip\":\"1.2.3.4\"}]", CustomHosts);
        List<Sysctl>? sysctls = reader.Parse([PodAnnotations.HostSysctls], "a JSON array such as [{\"name\":\"kernel.msgmax\",\"value\":\"65536\"}]", HostSysctls);
        List<Tag>? tags = reader.Parse([PodAnnotations.CustomTags], $"at most {MaxCustomTags} key:value pairs separated by commas, such as env:test,name:alice (keys ≤ 64 characters, not starting with acs: or aliyun; values ≤ 128)", CustomTags);

        string? bucket = reader.Text(PodAnnotations.DataCacheBucket);
        string? pl = reader.OneOf(PodAnnotations.DataCachePl, "PL0", "PL1", "PL2", "PL3");
        int? iops = reader.Int(PodAnnotations.DataCacheProvisionedIops, 0, 50000);
        bool? bursting = reader.Bool(PodAnnotations.DataCacheBurstingEnabled);

        _ = reader.Bool(PodAnnotations.EvictionEnable);
        _ = reader.Bool(PodAnnotations.SlsEnable);
        _ = reader.Bool(PodAnnotations.KubeProxyEnabled);
        foreach (string name in new[] { PodAnnotations.EphemeralStorageOptions, PodAnnotations.EvictionEnable, PodAnnotations.SlsEnable, PodAnnotations.WaitClusterIpReady, PodAnnotations.KubeProxyEnabled })
        {
            reader.NotApplied(name, "CreateContainerGroup has no parameter for it; it is a feature of Alibaba's own virtual kubelet.");
        }

        List<Tag> allTags = [.. request.Tags ?? [], .. (tags ?? []).Where(t => request.Tags?.Any(e => e.Key == t.Key) != true)];
        return request with
        {
            CorePattern = core,
            NtpServers = ntp,
            DnsConfig = dns ?? request.DnsConfig,
            HostAliases = hosts is null ? request.HostAliases : DnsMapper.HostAliases(null, [.. (request.HostAliases ?? []).SelectMany(a => a.Hostnames.Select(h => (a.Ip, h))), .. hosts]),
            HostSecurityContext = sysctls is null ? null : new PodSecurityContext { Sysctls = sysctls },
            Tags = allTags.Count > MaxTags ? allTags[..MaxTags] : allTags,
            DataCacheBucket = bucket,
            DataCachePL = pl,
            DataCacheProvisionedIops = iops,
            DataCacheBurstingEnabled = bursting,
        };
    }

    private static DnsConfig? CustomDns(string json)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string[] Split(string name) => doc.RootElement.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.String
                ? [.. e.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
                : [];
            string[] servers = Split("nameservers");
            string[] searches = Split("searches");
            string[] options = Split("options");
            if (servers.Any(s => !IsIp(s, AddressFamily.InterNetwork) && !IsIp(s, AddressFamily.InterNetworkV6)) || servers.Length + searches.Length + options.Length == 0)
            {
                return null;
            }

            return new DnsConfig
            {
                NameServers = servers.Length > 0 ? servers : null,
                Searches = searches.Length > 0 ? searches : null,
                Options = options.Length > 0 ? [.. options.Select(o => o.Split(':', 2)).Select(p => new DnsOption { Name = p[0], Value = p.Length > 1 ? p[1] : null })] : null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<(string Ip, string Host)>? CustomHosts(string json) =>
        JsonPairs(json, "ip", "host") is { } pairs && pairs.All(p => IsIp(p.A, AddressFamily.InterNetwork) || IsIp(p.A, AddressFamily.InterNetworkV6))
            ? [.. pairs.Select(p => (p.A, p.B))]
            : null;

    private static List<Sysctl>? HostSysctls(string json) =>
        JsonPairs(json, "name", "value") is { } pairs ? [.. pairs.Select(p => new Sysctl(p.A, p.B))] : null;

    /// <summary>A JSON array of objects with two string properties, in order; null when it is anything else.</summary>
    private static List<(string A, string B)>? JsonPairs(string json, string a, string b)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array || doc.RootElement.GetArrayLength() == 0)
            {
                return null;
            }

            var pairs = new List<(string, string)>();
            foreach (JsonElement item in doc.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty(a, out JsonElement first) || first.ValueKind != JsonValueKind.String || first.GetString() is not { Length: > 0 } x
                    || !item.TryGetProperty(b, out JsonElement second) || second.ValueKind != JsonValueKind.String || second.GetString() is not { } y)
                {
                    return null;
                }

                pairs.Add((x, y));
            }

            return pairs;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<Tag>? CustomTags(string value)
    {
        var tags = new List<Tag>();
        foreach (string pair in value.Split(',', StringSplitOptions.TrimEntries))
        {
            int colon = pair.IndexOf(':', StringComparison.Ordinal);
            string key = colon < 0 ? pair : pair[..colon].Trim();
            string tagValue = colon < 0 ? "" : pair[(colon + 1)..].Trim();
            if (colon <= 0 || key.Length > 64 || tagValue.Length > 128
                || key.StartsWith("acs:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("aliyun", StringComparison.OrdinalIgnoreCase)
                || key.Contains("http://", StringComparison.OrdinalIgnoreCase) || key.Contains("https://", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            tags.Add(new Tag(key, tagValue));
        }

        return tags.Count is > 0 and <= MaxCustomTags ? tags : null;
    }

    [GeneratedRegex(@"^(?:[a-z0-9-]+:)?cri-[A-Za-z0-9]+$")]
    private static partial Regex AcrPattern();

    [GeneratedRegex(@"^acs:ram::\d*:role/[A-Za-z0-9._-]+$")]
    private static partial Regex ArnPattern();

    [GeneratedRegex(@"^[A-Za-z0-9.-]+(?::\d{1,5})?$")]
    private static partial Regex RegistryPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex RolePattern();

    [GeneratedRegex(@"^\S+$")]
    private static partial Regex AnyPattern();
}
