namespace OrleansEci.Grains.Pods.Lifecycle;

/// <summary>
/// What a pod grain persists: only what must survive a silo's death to avoid losing or duplicating a group. The rest
/// (the pod, its status) is rebuilt from Kubernetes and ECI on activation.
/// </summary>
[GenerateSerializer, Alias("eci.PodRecord")]
public sealed class PodRecord
{
    /// <summary>The pod's UID; a different UID under the same name is a new pod.</summary>
    [Id(0)] public string Uid { get; set; } = "";

    [Id(1)] public string NodeName { get; set; } = "";

    [Id(2)] public PodStage Stage { get; set; }

    [Id(3)] public string? ContainerGroupId { get; set; }

    /// <summary>The ClientToken of the current create; persisted before the call, reused on every retry.</summary>
    [Id(4)] public string? ClientToken { get; set; }

    /// <summary>Bumped when a group must be created afresh (lost group, reschedule), giving a new token.</summary>
    [Id(5)] public int Generation { get; set; }

    [Id(6)] public int Attempts { get; set; }

    [Id(7)] public DateTimeOffset? NextAttemptAt { get; set; }

    [Id(8)] public string? Reason { get; set; }

    [Id(9)] public string? Message { get; set; }

    /// <summary>Whether DeleteContainerGroup was accepted for the current group.</summary>
    [Id(10)] public bool DeleteRequested { get; set; }

    /// <summary>Fingerprint of the container images the group was created or last updated with.</summary>
    [Id(11)] public string? AppliedImages { get; set; }

    /// <summary>Fingerprint of the resourceVersions of the ConfigMaps and Secrets mounted when the volumes were last sent.</summary>
    [Id(12)] public string? AppliedVolumes { get; set; }

    /// <summary>
    /// The zone, vSwitches and specs of the current create call (persisted with <see cref="ClientToken"/>, so a retry sends
    /// the same body under the same token), and afterwards where the group was placed.
    /// </summary>
    [Id(13)] public Zones.ZoneChoice? Choice { get; set; }

    /// <summary>When ECI releases the pod's spot instance (from its SpotToBeReleased notice); the spot timer's deadline.</summary>
    [Id(20)] public DateTimeOffset? SpotReleaseAt { get; set; }

    /// <summary>When the spot notice was seen (the DisruptionTarget condition's time).</summary>
    [Id(21)] public DateTimeOffset? SpotNoticeAt { get; set; }

    /// <summary>Whether the spot release was handled: the eviction accepted, or the bare pod moved to a fresh group.</summary>
    [Id(22)] public bool SpotHandled { get; set; }

    /// <summary>How many times the pod's group was created afresh after an asynchronous failure or loss (reschedules).</summary>
    [Id(23)] public int Reschedules { get; set; }

    /// <summary>
    /// Restart counts carried over from the pod's earlier groups (container name → restarts before the current group), so a
    /// bare pod moved to a fresh group shows a container restart, not a reset.
    /// </summary>
    [Id(24)] public Dictionary<string, int>? CarriedRestarts { get; set; }

    /// <summary>When the previous group's containers ended (the carried lastState's finishedAt).</summary>
    [Id(25)] public DateTimeOffset? CarriedEndedAt { get; set; }

    /// <summary>
    /// Set when asynchronous failures spent the create attempts without a fail-fast or reschedule annotation: the pod
    /// stays Pending with the reason and is not created again on its own until its spec changes (this generation).
    /// </summary>
    [Id(26)] public long? ParkedGeneration { get; set; }
}
