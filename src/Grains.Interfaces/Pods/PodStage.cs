namespace OrleansEci.Grains.Pods;

/// <summary>Where a pod grain is in its container group's lifecycle.</summary>
[GenerateSerializer, Alias("eci.PodStage")]
public enum PodStage
{
    /// <summary>No pod seen yet, or nothing to do.</summary>
    None = 0,

    /// <summary>Creation intended (the client token is persisted); the group may or may not exist yet.</summary>
    Creating = 1,

    /// <summary>The group exists; its status flows to the pod.</summary>
    Created = 2,

    /// <summary>Creation failed for good (unsupported spec, invalid request, retries spent with fail-on-create-err).</summary>
    Rejected = 3,

    /// <summary>The pod is being deleted; the group is being removed.</summary>
    Deleting = 4,

    /// <summary>The group and the pod object are gone.</summary>
    Deleted = 5,
}
