using k8s.Models;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Grains.Pods;
using OrleansEci.Grains.Pods.Mapping;

namespace OrleansEci.Grains.Tests.Pods.Mapping;

public sealed class PodMapperPodTests
{
    [Fact]
    public void Map_PodLevelFields_Copied()
    {
        var pod = PodFixtures.Simple();
        pod.Spec.RestartPolicy = "OnFailure";
        pod.Spec.TerminationGracePeriodSeconds = 45;
        pod.Spec.ActiveDeadlineSeconds = 600;
        pod.Spec.ShareProcessNamespace = true;
        pod.Spec.HostAliases = [new V1HostAlias { Ip = "10.0.0.1", Hostnames = ["db", "db.local"] }];
        pod.Spec.Os = new V1PodOS { Name = "linux" };

        CreateContainerGroupRequest request = PodFixtures.Map(pod).Request;

        Assert.Equal(("OnFailure", 45L, 600L, true, "Linux"), (request.RestartPolicy, request.TerminationGracePeriodSeconds!.Value, request.ActiveDeadlineSeconds!.Value, request.ShareProcessNamespace!.Value, request.OsType));
        HostAlias alias = Assert.Single(request.HostAliases!);
        Assert.Equal(("10.0.0.1", "db,db.local"), (alias.Ip, string.Join(',', alias.Hostnames)));
    }

    [Fact]
    public void Map_ClusterFirstWithClusterDns_NoneWithClusterSearchPath()
    {
        var pod = PodFixtures.Simple();
        pod.Spec.DnsConfig = new V1PodDNSConfig { Searches = ["corp.example.com"], Options = [new V1PodDNSConfigOption { Name = "ndots", Value = "2" }] };
        MappingContext context = PodFixtures.Context with { ClusterDns = ["192.168.0.10"] };

        CreateContainerGroupRequest request = PodFixtures.Map(pod, context: context).Request;

        Assert.Equal("None", request.DnsPolicy);
        Assert.Equal(["192.168.0.10"], request.DnsConfig!.NameServers);
        Assert.Equal(["default.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example.com"], request.DnsConfig.Searches);
        Assert.Equal([("ndots", "2")], request.DnsConfig.Options!.Select(o => (o.Name, o.Value)));
    }

    [Fact]
    public void Map_ClusterFirstWithoutClusterDns_EciDefaultAndNote()
    {
        Mapped mapped = PodFixtures.Map(PodFixtures.Simple());

        Assert.Null(mapped.Request.DnsPolicy);
        Assert.Contains(mapped.Notes, n => n.Message.Contains("dnsPolicy ClusterFirst", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Default", "Default")]
    [InlineData("None", "None")]
    public void Map_DnsPolicyDefaultOrNone_PassedWithPodDnsConfig(string policy, string expected)
    {
        var pod = PodFixtures.Simple();
        pod.Spec.DnsPolicy = policy;
        pod.Spec.DnsConfig = new V1PodDNSConfig { Nameservers = ["1.1.1.1"] };

        CreateContainerGroupRequest request = PodFixtures.Map(pod).Request;

        Assert.Equal(expected, request.DnsPolicy);
        Assert.Equal(["1.1.1.1"], request.DnsConfig!.NameServers);
    }

    [Fact]
    public void Map_HostnameAndSubdomain_HostNameAndFqdnNote()
    {
        var pod = PodFixtures.Simple();
        pod.Spec.Hostname = "web-0";
        pod.Spec.Subdomain = "web";

        Mapped mapped = PodFixtures.Map(pod);

        Assert.Equal("web-0", mapped.Request.HostName);
        Assert.Contains(mapped.Notes, n => n.Message.Contains("web-0.web.default.svc.cluster.local", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_SetHostnameAsFqdn_HostNameIsFqdn()
    {
        var pod = PodFixtures.Simple();
        pod.Spec.Hostname = "web-0";
        pod.Spec.Subdomain = "web";
        pod.Spec.SetHostnameAsFQDN = true;

        Assert.Equal("web-0.web.default.svc.cluster.local", PodFixtures.Map(pod).Request.HostName);
    }

    [Fact]
    public void Map_NoHostname_PodNameCutTo63()
    {
        var pod = PodFixtures.Simple(new string('a', 70));

        Assert.Equal(new string('a', 63), PodFixtures.Map(pod).Request.HostName);
    }

    [Fact]
    public void Map_Tags_IdentifyClusterNodeAndPod()
    {
        IReadOnlyList<Tag> tags = PodFixtures.Map(PodFixtures.Simple()).Request.Tags!;

        Assert.Equal(
            [(ContainerGroupTags.Cluster, "c-test"), (ContainerGroupTags.Node, "virtual-kubelet-cn-beijing-e"), (ContainerGroupTags.Namespace, "default"), (ContainerGroupTags.Name, "web"), (ContainerGroupTags.Uid, "uid-1")],
            tags.Select(t => (t.Key, t.Value)));
    }

    [Fact]
    public void Dependencies_CollectsEveryReferenceOnce()
    {
        var pod = PodFixtures.Simple();
        V1Container app = pod.Spec.Containers[0];
        app.Env =
        [
            new V1EnvVar { Name = "A", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "env-cm", Key = "k" } } },
            new V1EnvVar { Name = "B", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "env-secret", Key = "k", Optional = true } } },
        ];
        pod.Spec.InitContainers = [new V1Container { Name = "init", Image = "busybox", EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "init-cm" } }, new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "init-secret" } }] }];
        pod.Spec.ServiceAccountName = "builder";
        pod.Spec.Volumes =
        [
            new V1Volume { Name = "cfg", ConfigMap = new V1ConfigMapVolumeSource { Name = "env-cm" } },
            new V1Volume { Name = "sec", Secret = new V1SecretVolumeSource { SecretName = "vol-secret" } },
            new V1Volume
            {
                Name = "proj",
                Projected = new V1ProjectedVolumeSource
                {
                    Sources =
                    [
                        new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token", ExpirationSeconds = 3607 } },
                        new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "vault", Audience = "vault" } },
                        new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "kube-root-ca.crt" } },
                        new V1VolumeProjection { Secret = new V1SecretProjection { Name = "proj-secret" } },
                    ],
                },
            },
        ];
        pod.Spec.ImagePullSecrets = [new V1LocalObjectReference { Name = "regcred" }];

        PodDependencies dependencies = PodMapper.Dependencies(pod);

        Assert.Equal(["env-cm", "init-cm", "kube-root-ca.crt"], dependencies.ConfigMaps);
        Assert.Equal(["env-secret", "init-secret", "proj-secret", "regcred", "vol-secret"], dependencies.Secrets);
        Assert.Equal([new ServiceAccountTokenSource("builder", null, 3607), new ServiceAccountTokenSource("builder", "vault", 3600)], dependencies.Tokens);
    }

    [Fact]
    public void Dependencies_SimplePod_IsEmpty()
    {
        Assert.True(PodMapper.Dependencies(PodFixtures.Simple()).IsEmpty, "Pod default/web with one plain container: expected nothing to fetch.");
    }
}
