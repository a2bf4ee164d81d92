using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Admission;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Patching;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Objects;

public sealed partial class ResourceService
{
    private const int MaxUpdateAttempts = 64;

    /// <summary>Replaces an object (PUT). A <c>metadata.resourceVersion</c> in the body is a precondition (409 on mismatch).</summary>
    public async Task<WriteResult> UpdateAsync(ResourceType type, string? ns, string name, JsonObject body, WriteOptions options,
        string? subresource, CancellationToken cancellationToken)
    {
        if (subresource is null && type.AllowCreateOnUpdate && Find(type, ns, name) is null)
        {
            Meta.Of(body).Remove("resourceVersion");
            Meta.Of(body)["name"] ??= name;
            var created = await CreateAsync(type, ns, body, options, cancellationToken).ConfigureAwait(false);
            return created;
        }

        return await UpdateWithAsync(type, ns, name, _ => (JsonObject)body.DeepClone(), options, subresource, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Patches an object (PATCH); the patch is re-applied to the latest version if another writer interleaves.</summary>
    public Task<WriteResult> PatchAsync(ResourceType type, string? ns, string name, PatchKind kind, JsonNode? patch, WriteOptions options,
        string? subresource, CancellationToken cancellationToken) =>
        UpdateWithAsync(type, ns, name, current => Patcher.Apply(kind, current, patch, type.Kind), options, subresource, cancellationToken);

    /// <summary>
    /// The read-modify-write loop every update goes through (kube-apiserver's GuaranteedUpdate): <paramref name="mutate"/>
    /// gets a private copy of the current object and returns the desired one; on a concurrent write it runs again on the
    /// new version. <paramref name="subresource"/> "status" keeps only the status; any other value (or null) keeps the status
    /// of types that have a status subresource.
    /// </summary>
    public async Task<WriteResult> UpdateWithAsync(ResourceType type, string? ns, string name, Func<JsonObject, JsonObject> mutate,
        WriteOptions options, string? subresource, CancellationToken cancellationToken)
    {
        ns = Scope(type, ns);
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var current = Get(type, ns, name);
            var old = current.ToJson();
            var candidate = mutate(current.ToJson());
            var statusOnly = subresource == "status";
            var warnings = PruneUnknownFields(type, candidate, options, statusOnly ? "status" : null);
            NormalizeTypeMeta(type, candidate);
            CheckIdentity(type, ns, name, candidate, old, current.ResourceVersion);
            var obj = statusOnly ? WithStatusOf(current, candidate) : candidate;
            RestoreSystemMetadata(obj, old);
            if (!statusOnly && type.HasStatusSubresource)
            {
                CopyField(old, obj, "status");
            }

            if (!statusOnly)
            {
                // Spec and metadata come from the stored object on /status, so only the main resource needs these.
                type.Strategy.ApplyDefaults(Context, obj);
                type.Strategy.PrepareForUpdate(Context, obj, old);
            }

            obj = await AdmitAsync(type, subresource, AdmissionOperation.Update, ns, obj, old, options.DryRun, warnings, cancellationToken).ConfigureAwait(false);
            if (!statusOnly)
            {
                Validate(type, obj, old);
            }

            if (!statusOnly && type.TracksGeneration && Meta.SpecChanged(obj, old))
            {
                Meta.Of(obj)["generation"] = (KubeJson.GetInt64(Meta.Of(old)["generation"]) ?? 0) + 1;
            }

            Meta.Of(obj)["resourceVersion"] = current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (options.DryRun)
            {
                return new WriteResult(Preview(type, obj), warnings);
            }

            if (Meta.DeletionTimestamp(obj) is not null && Meta.Finalizers(obj).Count == 0 && (Meta.DeletionGracePeriodSeconds(obj) ?? 0) == 0)
            {
                var deleted = _store.TryDelete(type, current, obj);
                if (deleted is not null)
                {
                    AfterDelete(type, obj);
                    return new WriteResult(deleted, warnings);
                }

                continue;
            }

            var stored = _store.TryReplace(type, current, obj);
            if (stored is not null)
            {
                return new WriteResult(stored, warnings);
            }
        }

        throw ApiErrors.Conflict(type.GroupResource, name, $"the object kept changing; gave up after {MaxUpdateAttempts} attempts");
    }

    private static void CheckIdentity(ResourceType type, string? ns, string name, JsonObject candidate, JsonObject old, long currentVersion)
    {
        var meta = Meta.Of(candidate);
        var bodyName = Meta.Name(candidate);
        if (string.IsNullOrEmpty(bodyName))
        {
            meta["name"] = name;
        }
        else if (bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        if (type.Namespaced)
        {
            var bodyNamespace = Meta.Namespace(candidate);
            if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
            {
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
        }

        var rv = Meta.ResourceVersion(candidate);
        if (!string.IsNullOrEmpty(rv) && rv != currentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw ApiErrors.StaleResourceVersion(type.GroupResource, name);
        }

        var uid = Meta.Uid(candidate);
        var oldUid = Meta.Uid(old);
        if (!string.IsNullOrEmpty(uid) && uid != oldUid)
        {
            throw ApiErrors.Conflict(type.GroupResource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {oldUid}");
        }
    }

    /// <summary>The fields clients cannot change through update: kept from the stored object.</summary>
    private static void RestoreSystemMetadata(JsonObject obj, JsonObject old)
    {
        var meta = Meta.Of(obj);
        var oldMeta = Meta.Of(old);
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name" })
        {
            CopyField(oldMeta, meta, field);
        }

        meta.Remove("selfLink");
    }

    /// <summary>The stored object with only its status replaced (what <c>/status</c> may change).</summary>
    private static JsonObject WithStatusOf(StoredObject current, JsonObject candidate)
    {
        var result = current.ToJson();
        CopyField(candidate, result, "status");
        return result;
    }

    /// <summary>Sets <c>to[field]</c> to a copy of <c>from[field]</c> (or removes it), keeping the property's position.</summary>
    private static void CopyField(JsonObject from, JsonObject to, string field)
    {
        if (!from.TryGetPropertyValue(field, out var value) || value is null)
        {
            to.Remove(field);
        }
        else if (!to.TryGetPropertyValue(field, out var existing) || !JsonNode.DeepEquals(existing, value))
        {
            to[field] = value.DeepClone();
        }
    }
}
