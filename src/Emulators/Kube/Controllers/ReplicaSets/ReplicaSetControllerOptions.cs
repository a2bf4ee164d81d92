namespace OrleansEci.Emulators.Kube.Controllers.ReplicaSets;

/// <summary>The ReplicaSet controller's options.</summary>
public sealed class ReplicaSetControllerOptions
{
    /// <summary>Whether the server runs the ReplicaSet controller. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most pods created or deleted in one sync (kube-controller-manager's BurstReplicas). Default 500.</summary>
    public int BurstReplicas { get; set; } = 500;

    public void Validate()
    {
        if (BurstReplicas < 1)
        {
            throw new InvalidOperationException($"Controllers:ReplicaSets:BurstReplicas is {BurstReplicas}. Set it to at least 1 (the default is 500).");
        }
    }
}
