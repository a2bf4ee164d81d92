using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Objects;

public sealed partial class ResourceService
{
    /// <summary>
    /// Deletes an object as kube-apiserver's generic store does (registry/generic/registry/store.go Delete and
    /// rest.BeforeDelete): preconditions, then graceful deletion (the object stays with deletionTimestamp and
    /// deletionGracePeriodSeconds; a later delete may only shorten the period), finalizers (the object stays until they
    /// are removed), otherwise removal.
    /// </summary>
    public Task<DeleteResult> DeleteAsync(ResourceType type, string? ns, string name, DeleteOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Delete(type, ns, name, options));
    }

    /// <summary>The synchronous core of <see cref="DeleteAsync"/> (deletion calls no admission plugin).</summary>
    internal DeleteResult Delete(ResourceType type, string? ns, string name, DeleteOptions options)
    {
        ns = Scope(type, ns);
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var current = Get(type, ns, name);
            var obj = current.ToJson();
            CheckPreconditions(type, name, current, options);
            if (type.Plural == "namespaces" && type.Group.Length == 0)
            {
                return Namespaces.BeginTermination(current, obj, options);
            }

            var (update, deleteNow) = PlanDeletion(type, obj, options);
            if (options.DryRun)
            {
                return new DeleteResult(Preview(type, obj), deleteNow);
            }

            if (deleteNow)
            {
                var removed = _store.TryDelete(type, current, obj);
                if (removed is not null)
                {
                    AfterDelete(type, obj);
                    return new DeleteResult(removed, true);
                }

                continue;
            }

            if (!update)
            {
                return new DeleteResult(current, false);
            }

            var stored = _store.TryReplace(type, current, obj);
            if (stored is not null)
            {
                return new DeleteResult(stored, false);
            }
        }

        throw ApiErrors.Conflict(type.GroupResource, name, $"the object kept changing; gave up after {MaxUpdateAttempts} attempts");
    }

    /// <summary>Deletes every object that matches (DELETE on a collection) and returns them.</summary>
    public async Task<List<StoredObject>> DeleteCollectionAsync(ResourceType type, string? ns, ListOptions selection, DeleteOptions options,
        CancellationToken cancellationToken)
    {
        var deleted = new List<StoredObject>();
        foreach (var item in List(type, ns, selection with { Limit = 0, Continue = null }).Items)
        {
            try
            {
                var result = await DeleteAsync(type, item.Namespace, item.Name, options, cancellationToken).ConfigureAwait(false);
                deleted.Add(result.Object);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted concurrently: nothing left to do for this one.
            }
        }

        return deleted;
    }

    /// <summary>Decides what a delete does to <paramref name="obj"/> (mutated): (needs an update, remove now).</summary>
    private (bool Update, bool DeleteNow) PlanDeletion(ResourceType type, JsonObject obj, DeleteOptions options)
    {
        var meta = Meta.Of(obj);
        if (Meta.DeletionTimestamp(obj) is { } deletionTimestamp)
        {
            var current = Meta.DeletionGracePeriodSeconds(obj);

            // While only finalization (not graceful deletion) is pending, a new propagationPolicy may still change the GC finalizers.
            var propagationChanged = current is null or 0 && _propagation?.Apply(type, obj, options) == true;
            var pending = Meta.Finalizers(obj).Count > 0;
            if (current is null or 0 || options.GracePeriodSeconds is not { } shorter || shorter >= current)
            {
                // Graceful deletion (or finalization) is already pending; only a shorter period changes anything.
                return (propagationChanged, current is null or 0 && !pending);
            }

            var start = Meta.ParseTime(deletionTimestamp)!.Value.AddSeconds(-current.Value);
            meta["deletionTimestamp"] = Meta.FormatTime(start.AddSeconds(shorter));
            meta["deletionGracePeriodSeconds"] = shorter;
            return (true, shorter == 0 && !pending);
        }

        // The orphan/foregroundDeletion finalizers the garbage collector acts on (propagationPolicy), before deciding.
        _propagation?.Apply(type, obj, options);
        var finalizers = Meta.Finalizers(obj).Count > 0;
        var grace = type.Strategy.GracePeriodSeconds(Context, obj, options.GracePeriodSeconds);
        if (grace is > 0)
        {
            meta["deletionTimestamp"] = Context.Timestamp(TimeSpan.FromSeconds(grace.Value));
            meta["deletionGracePeriodSeconds"] = grace.Value;
            return (true, false);
        }

        if (finalizers)
        {
            meta["deletionTimestamp"] = Context.Timestamp();
            meta["deletionGracePeriodSeconds"] = 0;
            return (true, false);
        }

        return (false, true);
    }

    private static void CheckPreconditions(ResourceType type, string name, StoredObject current, DeleteOptions options)
    {
        if (options.PreconditionUid is { Length: > 0 } uid && uid != current.Uid)
        {
            throw ApiErrors.Conflict(type.GroupResource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
        }

        var rv = current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (options.PreconditionResourceVersion is { Length: > 0 } wanted && wanted != rv)
        {
            throw ApiErrors.Conflict(type.GroupResource, name, $"Precondition failed: ResourceVersion in precondition: {wanted}, ResourceVersion in object meta: {rv}");
        }
    }

    private async Task AfterCreateAsync(ResourceType type, JsonObject obj, CancellationToken cancellationToken)
    {
        if (type.Plural == "namespaces" && type.Group.Length == 0)
        {
            await Namespaces.AfterCreateAsync(obj, cancellationToken).ConfigureAwait(false);
        }
    }

    private void AfterDelete(ResourceType type, JsonObject obj)
    {
        type.Strategy.AfterDelete(Context, obj);
        if (type.Namespaced && Meta.Namespace(obj) is { } ns)
        {
            Namespaces.ContentRemoved(ns);
        }
    }
}
