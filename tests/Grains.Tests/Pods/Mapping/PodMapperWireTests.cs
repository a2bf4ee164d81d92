using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using OrleansEci.Eci;
using OrleansEci.Eci.Configuration;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Emulators.Eci.Hosting;
using OrleansEci.Grains.Pods;
using OrleansEci.Grains.Pods.Mapping;

namespace OrleansEci.Grains.Tests.Pods.Mapping;

/// <summary>
/// Mapped requests sent by the real ECI client (its wire flattener is internal to the client) to the local ECI
/// service, which parses and validates CreateContainerGroup as ECI documents it. A DryRun that passes answers
/// <c>DryRunOperation</c>.
/// </summary>
public sealed class PodMapperWireTests : IAsyncLifetime
{
    private const string AccessKeyId = "LTAI-mapping";
    private const string AccessKeySecret = "mapping-secret";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
    private readonly HttpClient http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private EciEmulatorHost? host;
    private EciClient? client;

    public async ValueTask InitializeAsync()
    {
        EciEmulatorOptions options = new() { RandomSeed = 4 };
        options.AccessKeys.Add(new AccessKeyCredential(AccessKeyId, AccessKeySecret));
        host = await EciEmulatorHost.StartAsync(options, clock, cancellationToken: TestContext.Current.CancellationToken);
        client = new EciClient(http, new EciClientOptions { Endpoint = host.BaseUri, RegionId = host.Region.RegionId, AccessKeyId = AccessKeyId, AccessKeySecret = AccessKeySecret }, clock);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task DryRun_SimplePod_PassesEciValidation()
    {
        V1Pod pod = PodFixtures.Simple();

        EciDryRunResult result = await client!.DryRunCreateContainerGroupAsync(PodFixtures.Map(pod, context: Context(pod)).Request, TestContext.Current.CancellationToken);

        Assert.Equal("DryRunOperation", result.Code);
    }

    [Fact]
    public async Task DryRun_RichPod_PassesEciValidation()
    {
        V1Pod pod = RichPod();
        PodInputs inputs = PodFixtures.Inputs(
            [PodFixtures.ConfigMap("settings", ("app.yaml", "level: debug"), ("LEVEL", "debug")), PodFixtures.ConfigMap("kube-root-ca.crt", ("ca.crt", "-----BEGIN CERTIFICATE-----"))],
            [PodFixtures.Secret("db", ("password", "s3cret"))],
            new Dictionary<ServiceAccountTokenSource, string> { [new ServiceAccountTokenSource("web", null, 3607)] = "eyJ.token" });
        Mapped mapped = PodFixtures.Map(pod, inputs, Context(pod) with { ClusterDns = ["192.168.0.10"] });

        EciDryRunResult result = await client!.DryRunCreateContainerGroupAsync(mapped.Request, TestContext.Current.CancellationToken);

        Assert.True(result.Code == "DryRunOperation", $"Pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}: expected the local ECI service to accept the mapped request, got {result}.");
    }

    [Fact]
    public async Task Create_RichPod_GroupCarriesNameAndTags()
    {
        V1Pod pod = RichPod();
        PodInputs inputs = PodFixtures.Inputs(
            [PodFixtures.ConfigMap("settings", ("app.yaml", "level: debug"), ("LEVEL", "debug")), PodFixtures.ConfigMap("kube-root-ca.crt", ("ca.crt", "ca"))],
            [PodFixtures.Secret("db", ("password", "s3cret"))],
            new Dictionary<ServiceAccountTokenSource, string> { [new ServiceAccountTokenSource("web", null, 3607)] = "eyJ.token" });
        CreateContainerGroupRequest request = PodFixtures.Map(pod, inputs, Context(pod)).Request;

        CreateContainerGroupResponse created = await client!.CreateContainerGroupAsync(request, TestContext.Current.CancellationToken);
        DescribeContainerGroupsResponse described = await client.DescribeContainerGroupsAsync(
            new DescribeContainerGroupsRequest { ContainerGroupIds = [created.ContainerGroupId!] }, TestContext.Current.CancellationToken);

        ContainerGroup group = Assert.Single(described.ContainerGroups);
        Assert.Equal(PodMapper.ContainerGroupName(pod), group.ContainerGroupName);
        Assert.Equal("uid-rich", ContainerGroupTags.Find(group.Tags, ContainerGroupTags.Uid));
        Assert.Equal("test", ContainerGroupTags.Find(group.Tags, "env"));
    }

    private MappingContext Context(V1Pod pod) => PodFixtures.Context with
    {
        RegionId = host!.Region.RegionId,
        VSwitchIds = [.. host.Region.VSwitches.Take(2).Select(v => v.VSwitchId)],
        SecurityGroupId = host.Region.SecurityGroups[0].SecurityGroupId,
        ContainerGroupName = PodMapper.ContainerGroupName(pod),
        ClientToken = $"{pod.Metadata.Uid}-1",
    };

    /// <summary>A Deployment-style pod using most of what the mapping supports.</summary>
    private static V1Pod RichPod()
    {
        V1Container app = new()
        {
            Name = "app",
            Image = "registry.cn-hangzhou.aliyuncs.com/team/app:1.2",
            Command = ["/app"],
            Args = ["--config=/etc/app/app.yaml", "--level=$(LEVEL)"],
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }],
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "settings" } }],
            Env =
            [
                new V1EnvVar { Name = "DB_PASSWORD", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "db", Key = "password" } } },
                new V1EnvVar { Name = "POD_IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } },
            ],
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("1Gi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("2Gi") },
            },
            LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = "http" }, PeriodSeconds = 10 },
            ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = 8080 } },
            Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["/bin/sh", "-c", "sleep 5"] } } },
            SecurityContext = new V1SecurityContext { Capabilities = new V1Capabilities { Add = ["NET_BIND_SERVICE"] }, RunAsUser = 1000 },
            VolumeMounts =
            [
                new V1VolumeMount { Name = "config", MountPath = "/etc/app" },
                new V1VolumeMount { Name = "cache", MountPath = "/cache" },
                new V1VolumeMount { Name = "kube-api-access", MountPath = "/var/run/secrets/kubernetes.io/serviceaccount", ReadOnlyProperty = true },
            ],
        };
        return new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web-7d9f8.v2",
                NamespaceProperty = "shop",
                Uid = "uid-rich",
                Labels = new Dictionary<string, string> { ["app"] = "web" },
                Annotations = new Dictionary<string, string>
                {
                    [PodAnnotations.UseSpecs] = "1-2Gi,2-4Gi",
                    [PodAnnotations.SpotStrategy] = "SpotAsPriceGo",
                    [PodAnnotations.WithEip] = "true",
                    [PodAnnotations.IngressBandwidth] = "40M",
                    [PodAnnotations.CustomTags] = "env:test",
                    [PodAnnotations.ExtraEphemeralStorage] = "20Gi",
                },
            },
            Spec = new V1PodSpec
            {
                NodeName = "virtual-kubelet-cn-hangzhou-h",
                ServiceAccountName = "web",
                RestartPolicy = "Always",
                TerminationGracePeriodSeconds = 30,
                InitContainers = [new V1Container { Name = "migrate", Image = "registry.cn-hangzhou.aliyuncs.com/team/migrate:1", Command = ["migrate", "up"] }],
                Containers = [app],
                HostAliases = [new V1HostAlias { Ip = "10.0.0.5", Hostnames = ["db.internal"] }],
                Volumes =
                [
                    new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "settings", Items = [new V1KeyToPath { Key = "app.yaml", Path = "app.yaml" }], DefaultMode = 420 } },
                    new V1Volume { Name = "cache", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("1Gi") } },
                    new V1Volume
                    {
                        Name = "kube-api-access",
                        Projected = new V1ProjectedVolumeSource
                        {
                            DefaultMode = 420,
                            Sources =
                            [
                                new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { ExpirationSeconds = 3607, Path = "token" } },
                                new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "kube-root-ca.crt", Items = [new V1KeyToPath { Key = "ca.crt", Path = "ca.crt" }] } },
                                new V1VolumeProjection { DownwardAPI = new V1DownwardAPIProjection { Items = [new V1DownwardAPIVolumeFile { Path = "namespace", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } }] } },
                            ],
                        },
                    },
                ],
            },
        };
    }
}
