using System.Text.Json.Nodes;

using k8s;
using k8s.Models;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Selectors;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers;

/// <summary>
/// Controller references and the adopt/release rules of k8s.io/kubernetes/pkg/controller/controller_ref_manager.go:
/// a controller claims the objects it controls that still match its selector, adopts matching orphans (unless it or
/// they are being deleted) and releases controlled objects that no longer match.
/// </summary>
internal static class OwnerReferences
{
    /// <summary><c>metav1.NewControllerRef(owner)</c>: controller and blockOwnerDeletion true.</summary>
    public static JsonObject ControllerRef(IKubernetesObject<V1ObjectMeta> owner) => new()
    {
        ["apiVersion"] = owner.ApiVersion,
        ["kind"] = owner.Kind,
        ["name"] = owner.Metadata.Name,
        ["uid"] = owner.Metadata.Uid,
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    public static V1OwnerReference? ControllerOf(V1ObjectMeta? meta) => meta?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    public static bool IsControlledBy(V1ObjectMeta? meta, string? ownerUid) => ControllerOf(meta)?.Uid is { } uid && uid == ownerUid;

    /// <summary>ControllerRefManager.Claim for every candidate (objects of <paramref name="childType"/> in the owner's namespace).</summary>
    public static async Task<List<T>> ClaimAsync<T>(ResourceService service, ResourceType childType, IKubernetesObject<V1ObjectMeta> owner,
        LabelSelector selector, IEnumerable<T> candidates, CancellationToken cancellationToken)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var claimed = new List<T>();
        var ownerDeleting = owner.Metadata.DeletionTimestamp is not null;
        foreach (var child in candidates)
        {
            var controller = ControllerOf(child.Metadata);
            var matches = selector.Matches(Typed.Labels(child.Metadata));
            if (controller is not null)
            {
                if (controller.Uid != owner.Metadata.Uid)
                {
                    continue;
                }

                if (matches)
                {
                    claimed.Add(child);
                }
                else if (!ownerDeleting)
                {
                    await ReleaseAsync(service, childType, child, owner.Metadata.Uid, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (matches && !ownerDeleting && child.Metadata.DeletionTimestamp is null
                && await AdoptAsync(service, childType, child, owner, cancellationToken).ConfigureAwait(false))
            {
                claimed.Add(child);
            }
        }

        return claimed;
    }

    private static async Task<bool> AdoptAsync<T>(ResourceService service, ResourceType childType, T child, IKubernetesObject<V1ObjectMeta> owner,
        CancellationToken cancellationToken)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var adopted = false;
        try
        {
            await service.UpdateWithAsync(childType, child.Metadata.NamespaceProperty, child.Metadata.Name, obj =>
            {
                adopted = false;
                if (Meta.Uid(obj) != child.Metadata.Uid || HasController(obj))
                {
                    return obj;
                }

                var refs = Meta.Of(obj)["ownerReferences"] as JsonArray ?? [];
                refs.Add(ControllerRef(owner));
                Meta.Of(obj)["ownerReferences"] = refs;
                adopted = true;
                return obj;
            }, WriteOptions.Default, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code is 404 or 409 or 422)
        {
            return false;
        }

        return adopted;
    }

    private static async Task ReleaseAsync<T>(ResourceService service, ResourceType childType, T child, string ownerUid, CancellationToken cancellationToken)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            await service.UpdateWithAsync(childType, child.Metadata.NamespaceProperty, child.Metadata.Name, obj =>
            {
                if (Meta.Of(obj)["ownerReferences"] is JsonArray refs)
                {
                    foreach (var mine in refs.OfType<JsonObject>().Where(r => KubeJson.GetString(r, "uid") == ownerUid).ToList())
                    {
                        refs.Remove(mine);
                    }

                    if (refs.Count == 0)
                    {
                        Meta.Of(obj).Remove("ownerReferences");
                    }
                }

                return obj;
            }, WriteOptions.Default, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code is 404 or 409 or 422)
        {
            // Gone or changed meanwhile: the next sync sees the truth.
        }
    }

    private static bool HasController(JsonObject obj) =>
        (Meta.Of(obj)["ownerReferences"] as JsonArray)?.OfType<JsonObject>().Any(r => r["controller"] is JsonValue v && v.TryGetValue<bool>(out var c) && c) == true;
}
