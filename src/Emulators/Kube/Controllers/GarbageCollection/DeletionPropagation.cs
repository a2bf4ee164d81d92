using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Controllers.GarbageCollection;

/// <summary>
/// What kube-apiserver's generic store does on DELETE for the garbage collector
/// (k8s.io/apiserver/pkg/registry/generic/registry/store.go deletionFinalizersForGarbageCollection, shouldOrphanDependents,
/// shouldDeleteDependents): <c>propagationPolicy=Orphan</c> adds the <c>orphan</c> finalizer, <c>Foreground</c> adds
/// <c>foregroundDeletion</c>, <c>Background</c> neither; without a policy, a finalizer already on the object decides,
/// else the type's default: batch/v1 Jobs orphan their pods (kept for backward compatibility,
/// pkg/registry/batch/job/strategy.go DefaultGarbageCollectionPolicy), every other type deletes dependents in the
/// background. Like kube-apiserver with <c>--enable-garbage-collector=false</c>, nothing is added when the garbage
/// collector is off, since nothing would remove the finalizers.
/// </summary>
public sealed class DeletionPropagation
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";
    public const string Orphan = "Orphan";
    public const string Background = "Background";
    public const string Foreground = "Foreground";
    private readonly bool _enabled;

    public DeletionPropagation(ControllerOptions options)
    {
        _enabled = options.GarbageCollector.Enabled;
    }

    /// <summary>Sets the object's garbage-collection finalizers for this delete; true when they changed.</summary>
    public bool Apply(ResourceType type, JsonObject obj, DeleteOptions options)
    {
        if (!_enabled)
        {
            return false;
        }

        var current = Meta.Finalizers(obj);
        var policy = options.PropagationPolicy
            ?? (current.Contains(OrphanFinalizer) ? Orphan
                : current.Contains(ForegroundFinalizer) ? Foreground
                : DefaultPolicy(type));
        var wanted = current.Where(f => f is not (OrphanFinalizer or ForegroundFinalizer)).ToList();
        if (policy == Orphan)
        {
            wanted.Add(OrphanFinalizer);
        }
        else if (policy == Foreground)
        {
            wanted.Add(ForegroundFinalizer);
        }

        if (wanted.Order(StringComparer.Ordinal).SequenceEqual(current.Order(StringComparer.Ordinal)))
        {
            return false;
        }

        Meta.SetFinalizers(obj, wanted);
        return true;
    }

    /// <summary>The type's DefaultGarbageCollectionPolicy as a propagation policy.</summary>
    public static string DefaultPolicy(ResourceType type) => type.Group == "batch" && type.Plural == "jobs" ? Orphan : Background;
}
