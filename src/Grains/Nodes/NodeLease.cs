using k8s.Models;

namespace OrleansEci.Grains.Nodes;

/// <summary>
/// A virtual node's heartbeat Lease (<c>coordination.k8s.io/v1</c>, namespace <c>kube-node-lease</c>, named after the
/// node), as the kubelet keeps it (KEP-589): <c>holderIdentity</c> the node name, <c>leaseDurationSeconds</c> 40,
/// <c>renewTime</c> refreshed every 10 s, owned by the Node so it goes when the Node goes. The node lifecycle controller
/// reads it; a node whose lease lapses turns NotReady and its pods are evicted. Pure: time comes in as a value.
/// </summary>
public static class NodeLease
{
    /// <summary>The namespace of node leases.</summary>
    public const string Namespace = "kube-node-lease";

    /// <summary>
    /// A new Lease for <paramref name="nodeName"/>, renewed at <paramref name="now"/>. With the Node's UID (known once
    /// the Node exists) the Lease gets the Node as owner, as the kubelet's lease controller sets it.
    /// </summary>
    public static V1Lease Build(string nodeName, string? nodeUid, DateTimeOffset now, TimeSpan leaseDuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        return new V1Lease
        {
            ApiVersion = "coordination.k8s.io/v1",
            Kind = "Lease",
            Metadata = new V1ObjectMeta
            {
                Name = nodeName,
                NamespaceProperty = Namespace,
                OwnerReferences = string.IsNullOrEmpty(nodeUid) ? null : [Owner(nodeName, nodeUid)],
            },
            Spec = new V1LeaseSpec
            {
                HolderIdentity = nodeName,
                LeaseDurationSeconds = Seconds(leaseDuration),
                RenewTime = Microseconds(now),
            },
        };
    }

    /// <summary>
    /// <paramref name="existing"/> renewed at <paramref name="now"/>, for a PUT that keeps its resourceVersion (a
    /// conflict means someone else wrote it; read and renew again). Restores the holder, the duration and, once the
    /// Node's UID is known, the owner, should someone have changed them. The existing object is not modified.
    /// </summary>
    public static V1Lease Renew(V1Lease existing, string? nodeUid, DateTimeOffset now, TimeSpan leaseDuration)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var nodeName = existing.Metadata?.Name ?? throw new ArgumentException("The lease has no name.", nameof(existing));
        var renewed = Build(nodeName, nodeUid, now, leaseDuration);
        renewed.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
        renewed.Metadata.Uid = existing.Metadata.Uid;
        renewed.Metadata.CreationTimestamp = existing.Metadata.CreationTimestamp;
        renewed.Metadata.Labels = existing.Metadata.Labels is null ? null : new Dictionary<string, string>(existing.Metadata.Labels);
        renewed.Metadata.Annotations = existing.Metadata.Annotations is null ? null : new Dictionary<string, string>(existing.Metadata.Annotations);
        renewed.Metadata.OwnerReferences ??= existing.Metadata.OwnerReferences is null ? null : [.. existing.Metadata.OwnerReferences];
        renewed.Spec.AcquireTime = existing.Spec?.AcquireTime;
        renewed.Spec.LeaseTransitions = existing.Spec?.LeaseTransitions;
        return renewed;
    }

    /// <summary>
    /// Whether the lease is due for renewal: no lease, held by someone else, <paramref name="renewInterval"/>
    /// (<see cref="VirtualKubeletOptions.LeaseRenewInterval"/>) has passed since its renew time, or the renew time lies
    /// in the future (written by a silo whose clock runs ahead, so the lease may lapse earlier than it says).
    /// </summary>
    public static bool NeedsRenewal(V1Lease? lease, string nodeName, DateTimeOffset now, TimeSpan renewInterval)
    {
        if (lease?.Spec?.RenewTime is not { } renewed || lease.Spec.HolderIdentity != nodeName)
        {
            return true;
        }

        var elapsed = now - new DateTimeOffset(DateTime.SpecifyKind(renewed, DateTimeKind.Utc));
        return elapsed < TimeSpan.Zero || elapsed >= renewInterval;
    }

    private static V1OwnerReference Owner(string nodeName, string nodeUid) =>
        new() { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = nodeUid };

    private static int Seconds(TimeSpan duration) =>
        duration >= TimeSpan.FromSeconds(1) ? (int)Math.Min(int.MaxValue, Math.Floor(duration.TotalSeconds))
        : throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease lasts at least one second.");

    /// <summary>MicroTime: the API server keeps renew times to the microsecond.</summary>
    private static DateTime Microseconds(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }
}
