using System.Text.Json.Nodes;

using k8s;
using k8s.Models;

using OrleansEci.Grains.Nodes;

namespace OrleansEci.Grains.Tests.Nodes;

public sealed class NodeManifestTests
{
    private static V1Node BuildZoneE(NodeReadiness? readiness = null)
    {
        var node = NodeFixtures.ZoneE();
        return NodeManifest.Build(node, node.Quota, readiness ?? NodeReadiness.Ready, NodeFixtures.Now);
    }

    [Fact]
    public void Build_OneZoneNode_HasEveryLabelIncludingZone()
    {
        var labels = BuildZoneE().Metadata.Labels;

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["type"] = "virtual-kubelet",
                ["kubernetes.io/role"] = "agent",
                ["node-role.kubernetes.io/agent"] = "",
                ["kubernetes.io/hostname"] = "virtual-kubelet-cn-beijing-e",
                ["kubernetes.io/os"] = "linux",
                ["beta.kubernetes.io/os"] = "linux",
                ["kubernetes.io/arch"] = "amd64",
                ["beta.kubernetes.io/arch"] = "amd64",
                ["topology.kubernetes.io/region"] = "cn-beijing",
                ["failure-domain.beta.kubernetes.io/region"] = "cn-beijing",
                ["topology.kubernetes.io/zone"] = "cn-beijing-e",
                ["failure-domain.beta.kubernetes.io/zone"] = "cn-beijing-e",
            },
            labels);
    }

    [Fact]
    public void Build_NodeWithoutZone_HasRegionButNoZoneLabels()
    {
        var node = Assert.Single(NodeFixtures.ValidOptions().ResolveNodes());

        var labels = NodeManifest.Build(node, node.Quota, NodeReadiness.Ready, NodeFixtures.Now).Metadata.Labels;

        Assert.Equal("cn-beijing", labels["topology.kubernetes.io/region"]);
        Assert.False(labels.ContainsKey("topology.kubernetes.io/zone"), "A node whose vSwitches span zones must not claim one zone.");
        Assert.False(labels.ContainsKey("failure-domain.beta.kubernetes.io/zone"), "Nor in the legacy label.");
    }

    [Fact]
    public void Build_ZonesLearnedLater_TwoZonesDropTheZoneLabels()
    {
        var node = NodeFixtures.ZoneE() with { Zones = ["cn-beijing-e", "cn-beijing-f"] };

        var labels = NodeManifest.Labels(node);

        Assert.False(labels.ContainsKey("topology.kubernetes.io/zone"), "A two-zone node must carry no zone label.");
        Assert.Null(node.SingleZone);
    }

    [Fact]
    public void Build_ConfiguredLabels_AddToAndOverrideTheDefaults()
    {
        var node = NodeFixtures.ZoneE() with
        {
            Labels = new Dictionary<string, string> { ["example.com/team"] = "batch", ["kubernetes.io/role"] = "burst" },
        };

        var labels = NodeManifest.Labels(node);

        Assert.Equal("batch", labels["example.com/team"]);
        Assert.Equal("burst", labels["kubernetes.io/role"]);
        Assert.Equal("virtual-kubelet", labels["type"]);
    }

    [Fact]
    public void Build_DefaultTaint_IsVkYamls()
    {
        var taint = Assert.Single(BuildZoneE().Spec.Taints);

        Assert.Equal(("virtual-kubelet.io/provider", "alibabacloud", "NoSchedule"), (taint.Key, taint.Value, taint.Effect));
        Assert.Null(taint.TimeAdded);
    }

    [Fact]
    public void Build_EmptyTaintValue_OmitsTheValue()
    {
        var node = NodeFixtures.ZoneE() with { TaintValue = "" };

        var taint = NodeManifest.Taint(node);

        Assert.Null(taint.Value);
    }

    [Fact]
    public void Build_Status_HasCapacityAllocatableAddressesEndpointAndInfo()
    {
        var status = BuildZoneE().Status;

        Assert.Equal(["cpu", "memory", "pods", "ephemeral-storage"], status.Capacity.Keys);
        Assert.Equal(1_000_000m, status.Capacity["cpu"].ToDecimal());
        Assert.Equal("6400Ti", status.Capacity["memory"].ToString());
        Assert.Equal(10000m, status.Allocatable["pods"].ToDecimal());
        Assert.Equal("60000Gi", status.Allocatable["ephemeral-storage"].ToString());
        Assert.Equal([("InternalIP", "172.20.1.17"), ("Hostname", "virtual-kubelet-cn-beijing-e")], status.Addresses.Select(a => (a.Type, a.Address)));
        Assert.Equal(10250, status.DaemonEndpoints.KubeletEndpoint.Port);
        Assert.Equal("v1.30.0-orleans-eci", status.NodeInfo.KubeletVersion);
        Assert.Equal(("linux", "amd64"), (status.NodeInfo.OperatingSystem, status.NodeInfo.Architecture));
        Assert.Equal("eci://2018-08-08", status.NodeInfo.ContainerRuntimeVersion);
        Assert.Equal("Alibaba Cloud Elastic Container Instance", status.NodeInfo.OsImage);
        Assert.Equal("eci-sandbox", status.NodeInfo.KernelVersion);
    }

    [Fact]
    public void Build_Conditions_AreTheKubeletsWithHeartbeatsAtNow()
    {
        var conditions = BuildZoneE().Status.Conditions;
        var second = new DateTime(2026, 11, 26, 9, 30, 15, DateTimeKind.Utc);

        Assert.Equal(
        [
            ("NetworkUnavailable", "False", "EciVpcNetworkReady"),
            ("MemoryPressure", "False", "KubeletHasSufficientMemory"),
            ("DiskPressure", "False", "KubeletHasNoDiskPressure"),
            ("PIDPressure", "False", "KubeletHasSufficientPID"),
            ("Ready", "True", "KubeletReady"),
        ], conditions.Select(c => (c.Type, c.Status, c.Reason)));
        Assert.All(conditions, c => Assert.Equal(second, c.LastHeartbeatTime));
        Assert.All(conditions, c => Assert.Equal(second, c.LastTransitionTime));
        Assert.Equal("kubelet is posting ready status", conditions[^1].Message);
    }

    [Fact]
    public void Build_NotReady_ReportsTheReason()
    {
        var ready = BuildZoneE(NodeReadiness.NotReady("EciUnauthorized", "ECI rejected the AccessKey: InvalidAccessKeyId.NotFound")).Status.Conditions.Single(c => c.Type == "Ready");

        Assert.Equal(("False", "EciUnauthorized", "ECI rejected the AccessKey: InvalidAccessKeyId.NotFound"), (ready.Status, ready.Reason, ready.Message));
    }

    [Fact]
    public void NodeInfo_Identities_AreStablePerNameAndDistinctBetweenNames()
    {
        var e = NodeManifest.NodeInfo(NodeFixtures.ZoneE());
        var again = NodeManifest.NodeInfo(NodeFixtures.ZoneE());
        var f = NodeManifest.NodeInfo(NodeFixtures.TwoZoneOptions().ResolveNodes()[1]);

        Assert.Equal((e.MachineID, e.SystemUUID, e.BootID), (again.MachineID, again.SystemUUID, again.BootID));
        Assert.NotEqual(e.MachineID, f.MachineID);
        Assert.NotEqual(e.SystemUUID, f.SystemUUID);
        Assert.NotEqual(e.BootID, f.BootID);
        Assert.NotEqual(e.SystemUUID, e.BootID);
        Assert.Matches("^[0-9a-f]{32}$", e.MachineID);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", e.SystemUUID);
        Assert.True(Guid.TryParse(e.BootID, out _), $"Expected a UUID boot ID, got '{e.BootID}'.");
    }

    [Fact]
    public void Build_RoundTripThroughJson_KeepsEveryFieldUnderTheApiServersNames()
    {
        var built = BuildZoneE();

        var json = KubernetesJson.Serialize(built);
        var back = KubernetesJson.Deserialize<V1Node>(json);
        var tree = JsonNode.Parse(json)!;

        Assert.Equal(json, KubernetesJson.Serialize(back));
        Assert.Equal("v1", (string?)tree["apiVersion"]);
        Assert.Equal("Node", (string?)tree["kind"]);
        Assert.Equal("virtual-kubelet-cn-beijing-e", (string?)tree["metadata"]!["name"]);
        Assert.Equal("", (string?)tree["metadata"]!["labels"]!["node-role.kubernetes.io/agent"]);
        Assert.Equal("NoSchedule", (string?)tree["spec"]!["taints"]![0]!["effect"]);
        var status = tree["status"]!;
        Assert.Equal("1M", (string?)status["capacity"]!["cpu"]);
        Assert.Equal("6400Ti", (string?)status["allocatable"]!["memory"]);
        Assert.Equal("10k", (string?)status["allocatable"]!["pods"]);
        Assert.Equal("2026-11-26T09:30:15Z", (string?)status["conditions"]![0]!["lastHeartbeatTime"]);
        Assert.Equal("2026-11-26T09:30:15Z", (string?)status["conditions"]![0]!["lastTransitionTime"]);
        Assert.Equal("InternalIP", (string?)status["addresses"]![0]!["type"]);
        Assert.Equal(10250, (int?)status["daemonEndpoints"]!["kubeletEndpoint"]!["Port"]);
        var info = status["nodeInfo"]!.AsObject();
        foreach (var field in new[] { "machineID", "systemUUID", "bootID", "kernelVersion", "osImage", "containerRuntimeVersion", "kubeletVersion", "operatingSystem", "architecture" })
        {
            Assert.True(info.ContainsKey(field), $"Expected status.nodeInfo.{field} in {info.ToJsonString()}.");
        }
    }
}
