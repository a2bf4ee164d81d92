namespace OrleansEci.Emulators.Kube.Objects;

/// <summary>metav1.DeleteOptions: grace period, preconditions, propagation policy, dry run.</summary>
public sealed record DeleteOptions
{
    public static readonly DeleteOptions Default = new();

    public long? GracePeriodSeconds { get; init; }

    public string? PreconditionUid { get; init; }

    public string? PreconditionResourceVersion { get; init; }

    /// <summary>Orphan, Background or Foreground: which garbage-collection finalizer the delete adds (Controllers/GarbageCollection/DeletionPropagation).</summary>
    public string? PropagationPolicy { get; init; }

    public bool DryRun { get; init; }
}
