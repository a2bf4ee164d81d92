namespace OrleansEci.Grains.Diagnostics;

/// <summary>What a pod's lifecycle journal entry records.</summary>
[GenerateSerializer, Alias("eci.JournalEntryKind")]
public enum JournalEntryKind
{
    /// <summary>The grain's stage or the pod's phase changed.</summary>
    Transition = 0,

    /// <summary>One ECI call of the grain: action, latency, outcome, RequestId.</summary>
    EciCall = 1,

    /// <summary>A failed attempt and the back-off before the next.</summary>
    Retry = 2,

    /// <summary>A zone, vSwitch or instance-type choice, with its reason.</summary>
    Decision = 3,

    /// <summary>An event ECI reported for the group (or one the runtime posted on the pod).</summary>
    Event = 4,

    /// <summary>A write to the API server: the pod's status, an annotation.</summary>
    KubernetesWrite = 5,

    /// <summary>The grain was activated on a silo.</summary>
    Activation = 6,

    /// <summary>An orphan or reconcile claim and what came of it.</summary>
    Reconcile = 7,
}
