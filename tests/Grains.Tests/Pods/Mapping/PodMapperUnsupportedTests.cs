using k8s.Models;
using OrleansEci.Grains.Pods.Mapping;

namespace OrleansEci.Grains.Tests.Pods.Mapping;

public sealed class PodMapperUnsupportedTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "hostPath", MappingReasons.UnsupportedHostPath, "emptyDir" },
        { "hostNetwork", MappingReasons.UnsupportedHostNetwork, "LoadBalancer" },
        { "hostPID", MappingReasons.UnsupportedHostNamespace, "hostPID" },
        { "hostIPC", MappingReasons.UnsupportedHostNamespace, "hostIPC" },
        { "privileged", MappingReasons.UnsupportedPrivileged, "capabilities.add" },
        { "privilegedInit", MappingReasons.UnsupportedPrivileged, "init container" },
        { "daemonSet", MappingReasons.UnsupportedDaemonSet, "NotIn [virtual-kubelet]" },
        { "pvc", MappingReasons.UnsupportedPersistentVolumeClaim, "claim-1" },
        { "ephemeral", MappingReasons.UnsupportedPersistentVolumeClaim, "ephemeral" },
        { "csi", MappingReasons.UnsupportedVolume, "csi" },
        { "gitRepo", MappingReasons.UnsupportedVolume, "gitRepo" },
        { "clusterTrustBundle", MappingReasons.UnsupportedVolume, "clusterTrustBundle" },
        { "volumeDevices", MappingReasons.UnsupportedPersistentVolumeClaim, "volumeDevices" },
        { "restartPolicy", MappingReasons.InvalidSpec, "Sometimes" },
        { "dnsPolicy", MappingReasons.InvalidSpec, "Cluster" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Map_UnsupportedSpec_IsUnsupportedWithReasonAndAdvice(string @case, string reason, string mentioned)
    {
        V1Pod pod = Build(@case);

        Unsupported result = PodFixtures.Fail<Unsupported>(pod);

        Assert.True(result.Reason == reason, $"Pod default/web ({@case}): expected reason {reason}, got {result.Reason}: {result.Message}");
        Assert.True(result.Message.Contains(mentioned, StringComparison.Ordinal), $"Pod default/web ({@case}): expected the message to mention \"{mentioned}\", got: {result.Message}");
    }

    [Fact]
    public void Map_UnsupportedAndMissingInput_UnsupportedWins()
    {
        V1Pod pod = Build("hostPath");
        pod.Spec.Volumes.Insert(0, new V1Volume { Name = "cfg", ConfigMap = new V1ConfigMapVolumeSource { Name = "absent" } });

        Assert.Equal(MappingReasons.UnsupportedHostPath, PodFixtures.Fail<Unsupported>(pod).Reason);
    }

    [Fact]
    public void Map_TwentyContainers_Mapped()
    {
        var pod = PodFixtures.Simple();
        pod.Spec.Containers = [.. Enumerable.Range(1, 20).Select(i => PodFixtures.Container($"c{i}"))];

        Assert.Equal(20, PodFixtures.Map(pod).Request.Containers.Count);
    }

    [Fact]
    public void Map_TwentyOneContainers_IsTooManyContainers()
    {
        var pod = PodFixtures.Simple();
        pod.Spec.Containers = [.. Enumerable.Range(1, 21).Select(i => PodFixtures.Container($"c{i}"))];

        Unsupported result = PodFixtures.Fail<Unsupported>(pod);

        Assert.Equal(MappingReasons.TooManyContainers, result.Reason);
        Assert.Contains("21 containers", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_TwentyContainersPlusSidecar_IsTooManyContainers()
    {
        var pod = PodFixtures.Simple();
        pod.Spec.Containers = [.. Enumerable.Range(1, 20).Select(i => PodFixtures.Container($"c{i}"))];
        V1Container sidecar = PodFixtures.Container("proxy");
        sidecar.RestartPolicy = "Always";
        pod.Spec.InitContainers = [sidecar];

        Assert.Equal(MappingReasons.TooManyContainers, PodFixtures.Fail<Unsupported>(pod).Reason);
    }

    [Fact]
    public void Map_TwentyOneInitContainers_IsTooManyContainers()
    {
        var pod = PodFixtures.Simple();
        pod.Spec.InitContainers = [.. Enumerable.Range(1, 21).Select(i => PodFixtures.Container($"i{i}"))];

        Assert.Equal(MappingReasons.TooManyContainers, PodFixtures.Fail<Unsupported>(pod).Reason);
    }

    [Fact]
    public void Map_TwentyOneVolumes_IsTooManyVolumes()
    {
        var pod = PodFixtures.Simple();
        pod.Spec.Volumes = [.. Enumerable.Range(1, 21).Select(i => new V1Volume { Name = $"v{i}", EmptyDir = new V1EmptyDirVolumeSource() })];

        Unsupported result = PodFixtures.Fail<Unsupported>(pod);

        Assert.Equal(MappingReasons.TooManyVolumes, result.Reason);
        Assert.Contains("21 volumes", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_NoContainers_IsInvalidSpec()
    {
        var pod = PodFixtures.Simple();
        pod.Spec.Containers = [];

        Assert.Equal(MappingReasons.InvalidSpec, PodFixtures.Fail<Unsupported>(pod).Reason);
    }

    [Fact]
    public void Map_NoMetadata_IsInvalidSpec()
    {
        var pod = PodFixtures.Simple();
        pod.Metadata = null;

        Assert.Equal(MappingReasons.InvalidSpec, Assert.IsType<Unsupported>(PodMapper.Map(pod, PodInputs.None, PodFixtures.Context)).Reason);
    }

    private static V1Pod Build(string @case)
    {
        var pod = PodFixtures.Simple();
        V1Container app = pod.Spec.Containers[0];
        switch (@case)
        {
            case "hostPath": pod.Spec.Volumes = [new V1Volume { Name = "docker", HostPath = new V1HostPathVolumeSource { Path = "/var/run/docker.sock" } }]; break;
            case "hostNetwork": pod.Spec.HostNetwork = true; break;
            case "hostPID": pod.Spec.HostPID = true; break;
            case "hostIPC": pod.Spec.HostIPC = true; break;
            case "privileged": app.SecurityContext = new V1SecurityContext { Privileged = true }; break;
            case "privilegedInit": pod.Spec.InitContainers = [new V1Container { Name = "init", Image = "busybox", SecurityContext = new V1SecurityContext { Privileged = true } }]; break;
            case "daemonSet": pod.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "DaemonSet", Name = "fluentd", Uid = "ds-1" }]; break;
            case "pvc": pod.Spec.Volumes = [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "claim-1" } }]; break;
            case "ephemeral": pod.Spec.Volumes = [new V1Volume { Name = "data", Ephemeral = new V1EphemeralVolumeSource { VolumeClaimTemplate = new V1PersistentVolumeClaimTemplate { Spec = new V1PersistentVolumeClaimSpec() } } }]; break;
            case "csi": pod.Spec.Volumes = [new V1Volume { Name = "data", Csi = new V1CSIVolumeSource { Driver = "nasplugin.csi.alibabacloud.com" } }]; break;
            case "gitRepo": pod.Spec.Volumes = [new V1Volume { Name = "src", GitRepo = new V1GitRepoVolumeSource { Repository = "https://example.com/r.git" } }]; break;
            case "clusterTrustBundle":
                pod.Spec.Volumes = [new V1Volume { Name = "ca", Projected = new V1ProjectedVolumeSource { Sources = [new V1VolumeProjection { ClusterTrustBundle = new V1ClusterTrustBundleProjection { Name = "b", Path = "ca.pem" } }] } }];
                break;
            case "volumeDevices": app.VolumeDevices = [new V1VolumeDevice { Name = "raw", DevicePath = "/dev/xvda" }]; break;
            case "restartPolicy": pod.Spec.RestartPolicy = "Sometimes"; break;
            case "dnsPolicy": pod.Spec.DnsPolicy = "Cluster"; break;
            default: throw new ArgumentException(@case, nameof(@case));
        }

        return pod;
    }
}
