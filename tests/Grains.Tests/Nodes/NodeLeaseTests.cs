using System.Text.Json.Nodes;

using k8s;
using k8s.Models;

using Microsoft.Extensions.Time.Testing;

using OrleansEci.Grains.Nodes;

namespace OrleansEci.Grains.Tests.Nodes;

public sealed class NodeLeaseTests
{
    private const string Node = "virtual-kubelet-cn-beijing-e";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);

    [Fact]
    public void Build_NewLease_IsTheKubeletsShape()
    {
        var lease = NodeLease.Build(Node, "0d3c1a52-5d2c-4c6e-9a8e-7b1f3f2a9d10", NodeFixtures.Now, Duration);

        Assert.Equal(("coordination.k8s.io/v1", "Lease"), (lease.ApiVersion, lease.Kind));
        Assert.Equal(("kube-node-lease", Node), (lease.Metadata.NamespaceProperty, lease.Metadata.Name));
        Assert.Equal(Node, lease.Spec.HolderIdentity);
        Assert.Equal(40, lease.Spec.LeaseDurationSeconds);
        Assert.Equal(NodeFixtures.Now.UtcDateTime, lease.Spec.RenewTime);
        var owner = Assert.Single(lease.Metadata.OwnerReferences);
        Assert.Equal(("v1", "Node", Node, "0d3c1a52-5d2c-4c6e-9a8e-7b1f3f2a9d10"), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid));
    }

    [Fact]
    public void Build_NodeUidUnknown_HasNoOwner()
    {
        var lease = NodeLease.Build(Node, null, NodeFixtures.Now, Duration);

        Assert.Null(lease.Metadata.OwnerReferences);
    }

    [Fact]
    public void Build_SubMicrosecondTime_IsCutToMicroseconds()
    {
        var lease = NodeLease.Build(Node, null, NodeFixtures.Now.AddTicks(7), Duration);

        Assert.Equal(NodeFixtures.Now.UtcDateTime, lease.Spec.RenewTime);
    }

    [Fact]
    public void Build_DurationUnderOneSecond_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NodeLease.Build(Node, null, NodeFixtures.Now, TimeSpan.FromMilliseconds(999)));
    }

    [Fact]
    public void Build_RoundTripThroughJson_HasTheApiServersFieldNames()
    {
        var json = KubernetesJson.Serialize(NodeLease.Build(Node, "uid-1", NodeFixtures.Now, Duration));
        var tree = JsonNode.Parse(json)!;
        var back = KubernetesJson.Deserialize<V1Lease>(json);

        Assert.Equal("kube-node-lease", (string?)tree["metadata"]!["namespace"]);
        Assert.Equal("Node", (string?)tree["metadata"]!["ownerReferences"]![0]!["kind"]);
        Assert.Equal(Node, (string?)tree["spec"]!["holderIdentity"]);
        Assert.Equal(40, (int?)tree["spec"]!["leaseDurationSeconds"]);
        Assert.Equal("2026-11-26T09:30:15.123000Z", (string?)tree["spec"]!["renewTime"]);
        Assert.Equal(json, KubernetesJson.Serialize(back));
    }

    [Fact]
    public void Renew_ExistingLease_KeepsIdentityAndMovesRenewTime()
    {
        var existing = NodeLease.Build(Node, "uid-1", NodeFixtures.Now, Duration);
        existing.Metadata.ResourceVersion = "4711";
        existing.Metadata.Uid = "lease-uid";
        existing.Metadata.Labels = new Dictionary<string, string> { ["example.com/keep"] = "yes" };

        var renewed = NodeLease.Renew(existing, "uid-1", NodeFixtures.Now.AddSeconds(10), Duration);

        Assert.Equal(("4711", "lease-uid"), (renewed.Metadata.ResourceVersion, renewed.Metadata.Uid));
        Assert.Equal("yes", renewed.Metadata.Labels["example.com/keep"]);
        Assert.Equal(NodeFixtures.Now.UtcDateTime.AddSeconds(10), renewed.Spec.RenewTime);
        Assert.Equal(NodeFixtures.Now.UtcDateTime, existing.Spec.RenewTime);
    }

    [Fact]
    public void Renew_FixtureLeaseWithOddValues_RestoresHolderAndDurationKeepsTheRest()
    {
        var odd = KubernetesJson.Deserialize<V1Lease>(KubeApiTestData.Lease);

        var renewed = NodeLease.Renew(odd, nodeUid: null, NodeFixtures.Now, Duration);

        Assert.Equal(("nameValue", "kube-node-lease"), (renewed.Metadata.Name, renewed.Metadata.NamespaceProperty));
        Assert.Equal(("nameValue", 40), (renewed.Spec.HolderIdentity, renewed.Spec.LeaseDurationSeconds));
        Assert.Equal(("resourceVersionValue", "uidValue"), (renewed.Metadata.ResourceVersion, renewed.Metadata.Uid));
        Assert.Equal(5, renewed.Spec.LeaseTransitions);
        Assert.Equal("kindValue", Assert.Single(renewed.Metadata.OwnerReferences).Kind);
    }

    [Fact]
    public void Renew_NamelessLease_Throws()
    {
        Assert.Throws<ArgumentException>(() => NodeLease.Renew(new V1Lease { Metadata = new V1ObjectMeta() }, null, NodeFixtures.Now, Duration));
    }

    [Fact]
    public void NeedsRenewal_FollowsTheRenewInterval()
    {
        var time = new FakeTimeProvider(NodeFixtures.Now);
        var lease = KubernetesJson.Deserialize<V1Lease>(KubernetesJson.Serialize(NodeLease.Build(Node, null, time.GetUtcNow(), Duration)));

        Assert.False(NodeLease.NeedsRenewal(lease, Node, time.GetUtcNow(), RenewEvery), "A lease just renewed is not due.");
        time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(10));
        Assert.False(NodeLease.NeedsRenewal(lease, Node, time.GetUtcNow(), RenewEvery), "A microsecond before 10 s, it is not due.");
        time.Advance(TimeSpan.FromTicks(10));
        Assert.True(NodeLease.NeedsRenewal(lease, Node, time.GetUtcNow(), RenewEvery), "At 10 s, it is due.");
    }

    [Fact]
    public void NeedsRenewal_MissingOrHeldBySomeoneElse_IsTrue()
    {
        var theirs = NodeLease.Build("another-node", null, NodeFixtures.Now, Duration);

        Assert.True(NodeLease.NeedsRenewal(null, Node, NodeFixtures.Now, RenewEvery), "No lease: create one.");
        Assert.True(NodeLease.NeedsRenewal(theirs, Node, NodeFixtures.Now, RenewEvery), "A lease held by another identity must be taken back.");
        Assert.True(NodeLease.NeedsRenewal(new V1Lease { Spec = new V1LeaseSpec { HolderIdentity = Node } }, Node, NodeFixtures.Now, RenewEvery), "A lease without renewTime is due.");
    }

    [Fact]
    public void NeedsRenewal_RenewTimeInTheFuture_IsTrue()
    {
        var ahead = NodeLease.Build(Node, null, NodeFixtures.Now.AddSeconds(3), Duration);

        Assert.True(NodeLease.NeedsRenewal(ahead, Node, NodeFixtures.Now, RenewEvery), "A renew time 3 s ahead came from a fast clock; renew now rather than trust it.");
    }
}
