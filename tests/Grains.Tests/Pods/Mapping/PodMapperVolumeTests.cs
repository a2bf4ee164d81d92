using System.Text;
using k8s.Models;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Grains.Pods.Mapping;
using EciVolume = OrleansEci.Eci.ContainerGroups.Volume;

namespace OrleansEci.Grains.Tests.Pods.Mapping;

public sealed class PodMapperVolumeTests
{
    [Fact]
    public void Map_EmptyDirNfsAndFlex_Mapped()
    {
        var pod = WithVolumes(
            new V1Volume { Name = "cache", EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory", SizeLimit = new ResourceQuantity("256Mi") } },
            new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "nas", Nfs = new V1NFSVolumeSource { Server = "nas.example.com", Path = "/share", ReadOnlyProperty = true } },
            new V1Volume { Name = "disk", FlexVolume = new V1FlexVolumeSource { Driver = "alicloud/disk", FsType = "ext4", Options = new Dictionary<string, string> { ["volumeId"] = "d-1" } } });

        IReadOnlyList<EciVolume> volumes = PodFixtures.Map(pod).Request.Volumes!;

        Assert.Equal(("EmptyDirVolume", "Memory", "256Mi"), (volumes[0].Type, volumes[0].EmptyDirVolume!.Medium, volumes[0].EmptyDirVolume!.SizeLimit));
        Assert.Null(volumes[1].EmptyDirVolume!.Medium);
        Assert.Equal(("NFSVolume", "nas.example.com", "/share", true), (volumes[2].Type, volumes[2].NfsVolume!.Server, volumes[2].NfsVolume!.Path, volumes[2].NfsVolume!.ReadOnly!.Value));
        Assert.Equal(("FlexVolume", "alicloud/disk", "ext4", "{\"volumeId\":\"d-1\"}"), (volumes[3].Type, volumes[3].FlexVolume!.Driver, volumes[3].FlexVolume!.FsType, volumes[3].FlexVolume!.Options));
    }

    [Fact]
    public void Map_ConfigMapVolume_AllKeysAsBase64FilesWithDefaultMode()
    {
        var pod = WithVolumes(new V1Volume { Name = "cfg", ConfigMap = new V1ConfigMapVolumeSource { Name = "settings", DefaultMode = 420 } });
        V1ConfigMap map = PodFixtures.ConfigMap("settings", ("b.yaml", "b: 2"), ("a.yaml", "a: 1"));
        map.BinaryData = new Dictionary<string, byte[]> { ["logo.bin"] = [0, 1, 2] };

        ConfigFileVolume files = PodFixtures.Map(pod, PodFixtures.Inputs([map])).Request.Volumes![0].ConfigFileVolume!;

        Assert.Equal(420, files.DefaultMode);
        Assert.Equal(["a.yaml", "b.yaml", "logo.bin"], files.ConfigFileToPaths.Select(f => f.Path));
        Assert.Equal("a: 1", PodFixtures.Decode(files.ConfigFileToPaths[0].Content));
        Assert.Equal(Convert.ToBase64String([0, 1, 2]), files.ConfigFileToPaths[2].Content);
    }

    [Fact]
    public void Map_SecretVolumeWithItems_SelectsRenamesAndSetsModes()
    {
        var pod = WithVolumes(new V1Volume
        {
            Name = "tls",
            Secret = new V1SecretVolumeSource { SecretName = "cert", DefaultMode = 256, Items = [new V1KeyToPath { Key = "tls.key", Path = "private/key.pem", Mode = 384 }] },
        });

        ConfigFileVolume files = PodFixtures.Map(pod, PodFixtures.Inputs(secrets: [PodFixtures.Secret("cert", ("tls.key", "KEY"), ("tls.crt", "CRT"))])).Request.Volumes![0].ConfigFileVolume!;

        ConfigFileToPath file = Assert.Single(files.ConfigFileToPaths);
        Assert.Equal(("private/key.pem", "KEY", 384, 256), (file.Path, PodFixtures.Decode(file.Content), file.Mode!.Value, files.DefaultMode!.Value));
    }

    [Fact]
    public void Map_MissingRequiredConfigMapVolume_IsMissingInput()
    {
        var pod = WithVolumes(new V1Volume { Name = "cfg", ConfigMap = new V1ConfigMapVolumeSource { Name = "settings" } });

        Assert.Contains("configmap \"settings\" not found", PodFixtures.Fail<MissingInput>(pod).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_MissingItemKey_IsMissingInput()
    {
        var pod = WithVolumes(new V1Volume { Name = "tls", Secret = new V1SecretVolumeSource { SecretName = "cert", Items = [new V1KeyToPath { Key = "ca.crt", Path = "ca" }] } });

        MissingInput result = PodFixtures.Fail<MissingInput>(pod, PodFixtures.Inputs(secrets: [PodFixtures.Secret("cert", ("tls.crt", "x"))]));

        Assert.Contains("no key \"ca.crt\"", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_MissingOptionalSecretVolume_MountsEmptyDirectory()
    {
        var pod = WithVolumes(new V1Volume { Name = "opt", Secret = new V1SecretVolumeSource { SecretName = "maybe", Optional = true } });

        EciVolume volume = PodFixtures.Map(pod).Request.Volumes![0];

        Assert.Equal("EmptyDirVolume", volume.Type);
    }

    [Fact]
    public void Map_ProjectedServiceAccountVolume_TokenCaAndNamespace()
    {
        // What the ServiceAccount admission plugin injects into every pod (kube-api-access-xxxxx).
        var pod = WithVolumes(new V1Volume
        {
            Name = "kube-api-access-abcde",
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
        });
        var token = new ServiceAccountTokenSource("default", null, 3607);
        PodInputs inputs = PodFixtures.Inputs([PodFixtures.ConfigMap("kube-root-ca.crt", ("ca.crt", "-----BEGIN CERTIFICATE-----"))], tokens: new Dictionary<ServiceAccountTokenSource, string> { [token] = "eyJhbGciOi.jwt" });

        ConfigFileVolume files = PodFixtures.Map(pod, inputs).Request.Volumes![0].ConfigFileVolume!;

        Assert.Equal(
            [("token", "eyJhbGciOi.jwt"), ("ca.crt", "-----BEGIN CERTIFICATE-----"), ("namespace", "default")],
            files.ConfigFileToPaths.Select(f => (f.Path, PodFixtures.Decode(f.Content))));
        Assert.Equal(420, files.DefaultMode);
    }

    [Fact]
    public void Map_ProjectedTokenNotObtained_IsMissingInput()
    {
        var pod = WithVolumes(new V1Volume
        {
            Name = "token",
            Projected = new V1ProjectedVolumeSource { Sources = [new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Audience = "vault", Path = "t" } }] },
        });

        MissingInput result = PodFixtures.Fail<MissingInput>(pod);

        Assert.Contains("serviceaccount default/default (audience vault)", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_DownwardApiVolume_LabelsAnnotationsAndResources()
    {
        V1Container container = PodFixtures.Container("app");
        container.Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m") } };
        var pod = PodFixtures.Simple(container: container);
        pod.Metadata.Labels["tier"] = "front \"end\"";
        pod.Metadata.Annotations["note"] = "a\nb";
        pod.Spec.Volumes =
        [
            new V1Volume
            {
                Name = "info",
                DownwardAPI = new V1DownwardAPIVolumeSource
                {
                    Items =
                    [
                        new V1DownwardAPIVolumeFile { Path = "labels", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.labels" } },
                        new V1DownwardAPIVolumeFile { Path = "annotations", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.annotations" } },
                        new V1DownwardAPIVolumeFile { Path = "cpu", ResourceFieldRef = new V1ResourceFieldSelector { ContainerName = "app", Resource = "limits.cpu", Divisor = new ResourceQuantity("1m") }, Mode = 292 },
                    ],
                },
            },
        ];

        IReadOnlyList<ConfigFileToPath> files = PodFixtures.Map(pod).Request.Volumes![0].ConfigFileVolume!.ConfigFileToPaths;

        Assert.Equal("app=\"web\"\ntier=\"front \\\"end\\\"\"", PodFixtures.Decode(files[0].Content));
        Assert.Equal("note=\"a\\nb\"", PodFixtures.Decode(files[1].Content));
        Assert.Equal(("500", 292), (PodFixtures.Decode(files[2].Content), files[2].Mode!.Value));
    }

    [Fact]
    public void Map_DownwardApiVolumeWithStatusField_IsInvalidSpec()
    {
        var pod = WithVolumes(new V1Volume
        {
            Name = "info",
            DownwardAPI = new V1DownwardAPIVolumeSource { Items = [new V1DownwardAPIVolumeFile { Path = "ip", FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } }] },
        });

        Assert.Equal(MappingReasons.InvalidSpec, PodFixtures.Fail<Unsupported>(pod).Reason);
    }

    [Fact]
    public void Map_ConfigFileOver32KiB_IsConfigFileTooLarge()
    {
        var pod = WithVolumes(new V1Volume { Name = "big", ConfigMap = new V1ConfigMapVolumeSource { Name = "big" } });
        PodInputs inputs = PodFixtures.Inputs([PodFixtures.ConfigMap("big", ("blob", new string('x', (32 * 1024) + 1)))]);

        Unsupported result = PodFixtures.Fail<Unsupported>(pod, inputs);

        Assert.Equal(MappingReasons.ConfigFileTooLarge, result.Reason);
        Assert.Contains("blob", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ConfigFilesOver60KiBInAll_IsConfigFileTooLarge()
    {
        var pod = WithVolumes(new V1Volume { Name = "big", ConfigMap = new V1ConfigMapVolumeSource { Name = "big" } });
        PodInputs inputs = PodFixtures.Inputs([PodFixtures.ConfigMap("big", ("a", new string('x', 31 * 1024)), ("b", new string('y', 31 * 1024)))]);

        Assert.Equal(MappingReasons.ConfigFileTooLarge, PodFixtures.Fail<Unsupported>(pod, inputs).Reason);
    }

    [Fact]
    public void Map_ImagePullSecrets_DockerConfigJsonBecomesCredentials()
    {
        var pod = PodFixtures.Simple();
        pod.Spec.ImagePullSecrets = [new V1LocalObjectReference { Name = "regcred" }, new V1LocalObjectReference { Name = "legacy" }, new V1LocalObjectReference { Name = "gone" }];
        string auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("bob:pa:ss"));
        var json = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "regcred" },
            Type = "kubernetes.io/dockerconfigjson",
            Data = new Dictionary<string, byte[]>
            {
                [".dockerconfigjson"] = Encoding.UTF8.GetBytes("""{"auths":{"https://registry.cn-beijing.aliyuncs.com/v2/":{"username":"alice","password":"pw"},"harbor.example.com":{"auth":"AUTH"}}}""".Replace("AUTH", auth, StringComparison.Ordinal)),
            },
        };
        var legacy = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "legacy" },
            Type = "kubernetes.io/dockercfg",
            Data = new Dictionary<string, byte[]> { [".dockercfg"] = Encoding.UTF8.GetBytes("""{"quay.io":{"username":"q","password":"p"}}""") },
        };

        Mapped mapped = PodFixtures.Map(pod, PodFixtures.Inputs(secrets: [json, legacy]));

        Assert.Equal(
            [("registry.cn-beijing.aliyuncs.com", "alice", "pw"), ("harbor.example.com", "bob", "pa:ss"), ("quay.io", "q", "p")],
            mapped.Request.ImageRegistryCredentials!.Select(c => (c.Server, c.UserName, c.Password)));
        Assert.Contains(mapped.Notes, n => n.Message.Contains("imagePullSecret gone not found", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(".dockerconfigjson", "not json")]
    [InlineData(".dockerconfigjson", "{\"auths\":{\"r.io\":{\"auth\":\"%%%\"}}}")]
    [InlineData(".dockerconfigjson", "{\"auths\":{\"r.io\":{\"username\":\"only\"}}}")]
    [InlineData("token", "abc")]
    public void Map_MalformedPullSecret_NotedAndSkipped(string key, string content)
    {
        var pod = PodFixtures.Simple();
        pod.Spec.ImagePullSecrets = [new V1LocalObjectReference { Name = "bad" }];

        Mapped mapped = PodFixtures.Map(pod, PodFixtures.Inputs(secrets: [PodFixtures.Secret("bad", (key, content))]));

        Assert.Null(mapped.Request.ImageRegistryCredentials);
        Assert.Contains(mapped.Notes, n => n.Message.Contains("imagePullSecret bad", StringComparison.Ordinal));
    }

    private static V1Pod WithVolumes(params V1Volume[] volumes)
    {
        var pod = PodFixtures.Simple();
        pod.Spec.Volumes = volumes;
        return pod;
    }
}
