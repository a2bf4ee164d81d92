using k8s.Models;
using OrleansEci.Eci.ContainerGroups;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// dnsPolicy, dnsConfig, hostAliases and the host name. ECI has <c>DnsPolicy</c> <c>None</c> (use DnsConfig) or
/// <c>Default</c> (the VPC's DNS). The decision, as the kubelet writes resolv.conf (pkg/kubelet/network/dns):
/// <list type="bullet">
/// <item><c>Default</c> → <c>Default</c>, plus the pod's dnsConfig.</item>
/// <item><c>None</c> → <c>None</c> with the pod's dnsConfig.</item>
/// <item><c>ClusterFirst</c> (and <c>ClusterFirstWithHostNet</c>, unset) with <see cref="MappingContext.ClusterDns"/>
/// → <c>None</c>, the cluster DNS servers, search <c>&lt;ns&gt;.svc.&lt;domain&gt; svc.&lt;domain&gt; &lt;domain&gt;</c>
/// and <c>ndots:5</c>, merged with the pod's dnsConfig; without it, ECI's default and a note.</item>
/// </list>
/// </summary>
internal static class DnsMapper
{
    /// <summary>The host name may be at most 63 characters (a DNS label), as the kubelet truncates it.</summary>
    private const int MaxHostName = 63;

    public static (string? Policy, DnsConfig? Config) Dns(MappingScope scope)
    {
        V1PodDNSConfig? pod = scope.Spec.DnsConfig;
        string policy = scope.Spec.DnsPolicy is { Length: > 0 } p ? p : "ClusterFirst";
        switch (policy)
        {
            case "Default":
                return ("Default", Config(pod?.Nameservers, pod?.Searches, pod?.Options));
            case "None":
                return ("None", Config(pod?.Nameservers, pod?.Searches, pod?.Options));
            case "ClusterFirst" or "ClusterFirstWithHostNet":
                if (scope.Context.ClusterDns is not { Count: > 0 } clusterDns)
                {
                    scope.Note($"dnsPolicy {policy} is not applied: the virtual node has no cluster DNS configured, so the pod uses ECI's default DNS and cannot resolve Service names.");
                    return (null, Config(pod?.Nameservers, pod?.Searches, pod?.Options));
                }

                string domain = scope.Context.ClusterDomain;
                string[] searches = [$"{scope.Pod.Namespace()}.svc.{domain}", $"svc.{domain}", domain];
                V1PodDNSConfigOption[] options = [new V1PodDNSConfigOption { Name = "ndots", Value = "5" }];
                return ("None", Config(
                    [.. clusterDns.Concat(pod?.Nameservers ?? []).Distinct()],
                    [.. searches.Concat(pod?.Searches ?? []).Distinct()],
                    [.. options.Where(o => pod?.Options?.Any(x => x.Name == o.Name) != true).Concat(pod?.Options ?? [])]));
            default:
                scope.Unsupported(MappingReasons.InvalidSpec, $"dnsPolicy \"{policy}\" is not one of ClusterFirst, ClusterFirstWithHostNet, Default or None.");
                return (null, null);
        }
    }

    public static List<HostAlias>? HostAliases(IEnumerable<V1HostAlias>? aliases, IEnumerable<(string Ip, string Host)> extra)
    {
        var byIp = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        IEnumerable<(string Ip, string Host)> all = (aliases ?? []).SelectMany(a => (a.Hostnames ?? []).Select(h => (a.Ip, h))).Concat(extra);
        foreach ((string ip, string host) in all)
        {
            if (!byIp.TryGetValue(ip, out List<string>? hosts))
            {
                byIp[ip] = hosts = [];
            }

            if (!hosts.Contains(host))
            {
                hosts.Add(host);
            }
        }

        return byIp.Count > 0 ? [.. byIp.Select(p => new HostAlias { Ip = p.Key, Hostnames = p.Value })] : null;
    }

    /// <summary>
    /// <c>spec.hostname</c>, else the pod name, cut to 63 characters; with <c>setHostnameAsFQDN</c> and a subdomain,
    /// the FQDN <c>&lt;host&gt;.&lt;subdomain&gt;.&lt;ns&gt;.svc.&lt;domain&gt;</c>.
    /// </summary>
    public static string HostName(MappingScope scope)
    {
        string host = scope.Spec.Hostname is { Length: > 0 } h ? h : scope.Pod.Name();
        if (host.Length > MaxHostName)
        {
            host = host[..MaxHostName].TrimEnd('-', '.');
        }

        if (scope.Spec.Subdomain is { Length: > 0 } subdomain)
        {
            string fqdn = $"{host}.{subdomain}.{scope.Pod.Namespace()}.svc.{scope.Context.ClusterDomain}";
            if (scope.Spec.SetHostnameAsFQDN == true)
            {
                return fqdn;
            }

            scope.Note($"subdomain {subdomain}: the pod's FQDN {fqdn} is not added to its /etc/hosts on ECI; the host name is {host}.");
        }

        return host;
    }

    private static DnsConfig? Config(IList<string>? nameServers, IList<string>? searches, IList<V1PodDNSConfigOption>? options) =>
        nameServers is not { Count: > 0 } && searches is not { Count: > 0 } && options is not { Count: > 0 }
            ? null
            : new DnsConfig
            {
                NameServers = nameServers is { Count: > 0 } ? [.. nameServers] : null,
                Searches = searches is { Count: > 0 } ? [.. searches] : null,
                Options = options is { Count: > 0 } ? [.. options.Select(o => new DnsOption { Name = o.Name, Value = o.Value })] : null,
            };
}
