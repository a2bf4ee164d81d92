using k8s.Models;

namespace OrleansEci.Emulators.Kube.Controllers.Deployments;

/// <summary>A Deployment's ReplicaSets during one sync: the one matching the current template (if any) and the others.</summary>
internal sealed class RolloutSets
{
    public RolloutSets(V1ReplicaSet? newSet, List<V1ReplicaSet> old)
    {
        New = newSet;
        Old = old;
    }

    public V1ReplicaSet? New { get; set; }

    public List<V1ReplicaSet> Old { get; }

    /// <summary>Old and new together (the new one last, as allRSs = append(oldRSs, newRS)).</summary>
    public List<V1ReplicaSet> All => New is null ? [.. Old] : [.. Old, New];

    /// <summary>Old ReplicaSets that still have replicas (FilterActiveReplicaSets).</summary>
    public List<V1ReplicaSet> ActiveOld => [.. Old.Where(rs => DeploymentUtil.Replicas(rs) > 0)];

    /// <summary>Puts an updated copy of a ReplicaSet in place of the one with the same UID.</summary>
    public void Replace(V1ReplicaSet updated)
    {
        if (New?.Metadata.Uid == updated.Metadata.Uid)
        {
            New = updated;
            return;
        }

        var at = Old.FindIndex(rs => rs.Metadata.Uid == updated.Metadata.Uid);
        if (at >= 0)
        {
            Old[at] = updated;
        }
    }
}
