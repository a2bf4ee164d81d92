using System.Text.Json.Nodes;

using k8s;
using k8s.Models;

using Microsoft.Extensions.Time.Testing;

using OrleansEci.Grains.Nodes;

namespace OrleansEci.Grains.Tests.Nodes;

public sealed class NodeManifestStatusTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    private readonly VirtualNodeDefinition node = NodeFixtures.ZoneE();
    private readonly FakeTimeProvider time = new(NodeFixtures.Now);

    private V1NodeStatus StatusNow(NodeReadiness? readiness = null, NodeCapacity? capacity = null, V1NodeStatus? previous = null) =>
        NodeManifest.Status(node, capacity ?? node.Quota, readiness ?? NodeReadiness.Ready, time.GetUtcNow(), previous);

    /// <summary>The status as the API server hands it back: through JSON.</summary>
    private static V1NodeStatus ReadBack(V1NodeStatus status) =>
        KubernetesJson.Deserialize<V1Node>(KubernetesJson.Serialize(new V1Node { Status = status })).Status;

    [Fact]
    public void NeedsStatusWrite_NothingWritten_IsTrue()
    {
        Assert.True(NodeManifest.NeedsStatusWrite(null, StatusNow(), time.GetUtcNow(), Interval), "A node without a written status must write one.");
    }

    [Fact]
    public void NeedsStatusWrite_UnchangedWithinTheInterval_IsFalse()
    {
        var written = ReadBack(StatusNow());

        time.Advance(TimeSpan.FromSeconds(59));

        Assert.False(NodeManifest.NeedsStatusWrite(written, StatusNow(previous: written), time.GetUtcNow(), Interval), "59 s after an unchanged write, nothing is due.");
    }

    [Fact]
    public void NeedsStatusWrite_IntervalSinceTheHeartbeat_IsTrue()
    {
        var written = ReadBack(StatusNow());

        // The heartbeat was stored at 09:30:15 (whole seconds); one interval later to the tick, a write is due.
        time.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromMilliseconds(123));

        Assert.True(NodeManifest.NeedsStatusWrite(written, StatusNow(previous: written), time.GetUtcNow(), Interval), "60 s after the last heartbeat, the heartbeat is due.");
    }

    [Fact]
    public void NeedsStatusWrite_ConfigurableInterval_IsHonoured()
    {
        var written = ReadBack(StatusNow());

        time.Advance(TimeSpan.FromSeconds(20));

        Assert.True(NodeManifest.NeedsStatusWrite(written, StatusNow(previous: written), time.GetUtcNow(), TimeSpan.FromSeconds(15)), "With a 15 s interval, 20 s is overdue.");
        Assert.False(NodeManifest.NeedsStatusWrite(written, StatusNow(previous: written), time.GetUtcNow(), TimeSpan.FromSeconds(30)), "With a 30 s interval, 20 s is not.");
    }

    [Fact]
    public void NeedsStatusWrite_HeartbeatInTheFuture_IsTrue()
    {
        var written = ReadBack(NodeManifest.Status(node, node.Quota, NodeReadiness.Ready, time.GetUtcNow().AddSeconds(5)));

        Assert.True(NodeManifest.NeedsStatusWrite(written, StatusNow(previous: written), time.GetUtcNow(), Interval), "A heartbeat 5 s ahead came from a fast clock; write ours rather than wait.");
    }

    [Fact]
    public void NeedsStatusWrite_CapacityShrank_IsTrueAtOnce()
    {
        var written = ReadBack(StatusNow());
        var shrunk = node.Quota.ShrinkToAccount(new EciAccountQuota(1000, 990), 4, 0.9);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(NodeManifest.NeedsStatusWrite(written, StatusNow(capacity: shrunk), time.GetUtcNow(), Interval), "A changed allocatable must be written without waiting for the heartbeat.");
    }

    [Fact]
    public void NeedsStatusWrite_ReadinessChanged_IsTrueAtOnce()
    {
        var written = ReadBack(StatusNow());

        time.Advance(TimeSpan.FromSeconds(1));
        var desired = StatusNow(NodeReadiness.NotReady("EciUnreachable", "ECI did not answer for 30 s"), previous: written);

        Assert.True(NodeManifest.NeedsStatusWrite(written, desired, time.GetUtcNow(), Interval), "A Ready change must be written at once.");
    }

    [Fact]
    public void NeedsStatusWrite_SameReadinessNewMessage_IsTrue()
    {
        var written = ReadBack(StatusNow(NodeReadiness.NotReady("EciUnreachable", "ECI did not answer for 30 s")));

        var desired = StatusNow(NodeReadiness.NotReady("EciUnreachable", "ECI did not answer for 60 s"), previous: written);

        Assert.True(NodeManifest.NeedsStatusWrite(written, desired, time.GetUtcNow(), Interval), "A new message is news for kubectl describe node.");
    }

    [Fact]
    public void NeedsStatusWrite_FixtureNodeWithOddValues_IsTrue()
    {
        var odd = KubernetesJson.Deserialize<V1Node>(KubeApiTestData.Node).Status;

        Assert.True(NodeManifest.NeedsStatusWrite(odd, StatusNow(previous: odd), time.GetUtcNow(), Interval), "A status that is not ours must be overwritten.");
    }

    [Fact]
    public void Status_UnchangedCondition_KeepsItsTransitionTime()
    {
        var written = ReadBack(StatusNow());

        time.Advance(TimeSpan.FromMinutes(5));
        var refreshed = StatusNow(previous: written);

        var ready = refreshed.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(new DateTime(2026, 11, 26, 9, 35, 15, DateTimeKind.Utc), ready.LastHeartbeatTime);
        Assert.Equal(new DateTime(2026, 11, 26, 9, 30, 15, DateTimeKind.Utc), ready.LastTransitionTime);
    }

    [Fact]
    public void Status_ReadinessFlipped_MovesOnlyThatTransitionTime()
    {
        var written = ReadBack(StatusNow());

        time.Advance(TimeSpan.FromMinutes(5));
        var refreshed = StatusNow(NodeReadiness.NotReady("EciUnreachable", "ECI did not answer"), previous: written);

        var flipped = new DateTime(2026, 11, 26, 9, 35, 15, DateTimeKind.Utc);
        Assert.Equal(flipped, refreshed.Conditions.Single(c => c.Type == "Ready").LastTransitionTime);
        Assert.Equal(new DateTime(2026, 11, 26, 9, 30, 15, DateTimeKind.Utc), refreshed.Conditions.Single(c => c.Type == "DiskPressure").LastTransitionTime);
    }

    [Fact]
    public void Status_ShrunkCapacity_ShowsInAllocatableOnly()
    {
        var shrunk = node.Quota.ShrinkToAccount(new EciAccountQuota(1000, 990), 4, 0.9);

        var status = StatusNow(capacity: shrunk);

        Assert.Equal(1_000_000m, status.Capacity["cpu"].ToDecimal());
        Assert.Equal(14m, status.Allocatable["cpu"].ToDecimal());
        Assert.Equal(status.Capacity["memory"], status.Allocatable["memory"]);
    }

    [Fact]
    public void StatusPatch_IsAStrategicMergeOfTheStatusOnly()
    {
        var patch = NodeManifest.StatusPatch(node, node.Quota, NodeReadiness.Ready, time.GetUtcNow());

        var tree = JsonNode.Parse((string)patch.Content)!.AsObject();

        Assert.Equal(V1Patch.PatchType.StrategicMergePatch, patch.Type);
        Assert.Equal(["status"], tree.Select(p => p.Key));
        Assert.Equal(5, tree["status"]!["conditions"]!.AsArray().Count);
        Assert.Equal("2026-11-26T09:30:15Z", (string?)tree["status"]!["conditions"]![4]!["lastHeartbeatTime"]);
        Assert.Equal("1M", (string?)tree["status"]!["capacity"]!["cpu"]);
    }
}
