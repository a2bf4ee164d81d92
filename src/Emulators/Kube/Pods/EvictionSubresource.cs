using System.Text.Json.Nodes;

using k8s.Models;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Controllers;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Policy;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Pods;

/// <summary>
/// <c>POST pods/{name}/eviction</c> (policy/v1 Eviction; pkg/registry/core/pod/storage/eviction.go): the pod's
/// PodDisruptionBudget is asked first (<see cref="DisruptionBudgetGate"/>: 429 TooManyRequests when it allows no
/// disruption now), then the pod is deleted gracefully with the eviction's deleteOptions and a Success Status is
/// answered. When the server added a resourceVersion precondition (so the pod cannot turn ready between the check and the
/// delete) and the pod changed meanwhile, the answer is 429 too, so the client tries again.
/// </summary>
public sealed class EvictionSubresource : ISubresourceHandler
{
    public static SubresourceType Type { get; } = new("eviction", "Eviction", ["create"], new EvictionSubresource()) { Group = "policy", Version = "v1" };

    public async Task HandleAsync(ApiContext context)
    {
        var body = await PodActionRequest.ReadAsync(context, "Eviction").ConfigureAwait(false);
        var name = context.Request.Name!;
        var deleteOptions = body["deleteOptions"] as JsonObject;
        var options = new DeleteOptions
        {
            GracePeriodSeconds = KubeJson.GetInt64(deleteOptions?["gracePeriodSeconds"]),
            PreconditionUid = KubeJson.GetString(deleteOptions, "preconditions", "uid"),
            PreconditionResourceVersion = KubeJson.GetString(deleteOptions, "preconditions", "resourceVersion"),
            DryRun = context.DryRun() || (deleteOptions?["dryRun"] as JsonArray)?.Any(v => v?.GetValue<string>() == "All") == true,
        };

        var stored = context.Service.Get(context.Type, context.Request.Namespace, name);
        if (options.PreconditionUid is { } uid && uid != stored.Uid)
        {
            // The budget is not charged for a pod the client did not mean (the delete would refuse it the same way).
            throw ApiErrors.Conflict(new GroupResource("", "pods"), name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {stored.Uid}");
        }

        var rv = await DisruptionBudgetGate.AdmitAsync(context.Service, Typed.Read<V1Pod>(stored), stored.ResourceVersion, options.DryRun, context.Aborted)
            .ConfigureAwait(false);
        var enforce = rv is not null && options.PreconditionResourceVersion is null;
        try
        {
            await context.Service.DeleteAsync(context.Type, context.Request.Namespace, name,
                enforce ? options with { PreconditionResourceVersion = rv } : options, context.Aborted).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code == 409 && enforce)
        {
            throw new ApiException(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.",
                new StatusDetails(null, null, null, [new StatusCause("DisruptionBudget", "", "The pod changed while its eviction was checked; try again.")]) { RetryAfterSeconds = 10 })
            {
                Headers = new Dictionary<string, string> { ["Retry-After"] = "10" },
            };
        }

        await PodActionRequest.WriteCreatedAsync(context).ConfigureAwait(false);
    }
}
