namespace OrleansEci.Emulators.Kube.Controllers.GarbageCollection;

/// <summary>The garbage collector's options.</summary>
public sealed class GarbageCollectorOptions
{
    /// <summary>Whether the server deletes dependents of deleted owners (ownerReferences). Default true.</summary>
    public bool Enabled { get; set; } = true;

    public void Validate()
    {
        // Nothing to check beyond the switch.
    }
}
