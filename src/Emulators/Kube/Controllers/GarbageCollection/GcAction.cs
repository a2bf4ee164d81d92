namespace OrleansEci.Emulators.Kube.Controllers.GarbageCollection;

/// <summary>The garbage collector's two queues (attemptToDelete and attemptToOrphan in garbagecollector.go).</summary>
public enum GcAction
{
    /// <summary>Delete the object if none of its owners remains, or finish a foreground deletion it is waiting on.</summary>
    AttemptToDelete,

    /// <summary>Remove the object's UID from its dependents' ownerReferences, then its orphan finalizer.</summary>
    AttemptToOrphan,
}
