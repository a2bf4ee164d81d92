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
/// answered; before the delete the pod gets the DisruptionTarget condition (reason EvictionByEvictionAPI), as kube-apiserver
/// adds it since 1.26. When the server added a resourceVersion precondition (so the pod cannot turn ready between the check and the
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
        var delete = enforce ? options with { PreconditionResourceVersion = rv } : options;
        try
        {
            if (!options.DryRun)
            {
                delete = await AddDisruptionTargetAsync(context, name, delete).ConfigureAwait(false);
            }

            await context.Service.DeleteAsync(context.Type, context.Request.Namespace, name, delete, context.Aborted).ConfigureAwait(false);
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

    /// <summary>
    /// addConditionAndDeletePod's conditionAppender: before the delete, through the status strategy, the pod gets
    /// <c>DisruptionTarget=True</c>, reason EvictionByEvictionAPI, "Eviction API: evicting" (replacing another
    /// DisruptionTarget; its transition time kept while the status stays True). Preconditions are checked on the pod as
    /// stored, and a resourceVersion precondition moves to the version this update wrote.
    /// </summary>
    private static async Task<DeleteOptions> AddDisruptionTargetAsync(ApiContext context, string name, DeleteOptions options)
    {
        var resource = new GroupResource("", "pods");
        var written = await context.Service.UpdateWithAsync(context.Type, context.Request.Namespace, name, pod =>
        {
            if (options.PreconditionUid is { } uid && uid != Meta.Uid(pod))
            {
                throw ApiErrors.Conflict(resource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Meta.Uid(pod)}");
            }

            if (options.PreconditionResourceVersion is { } rv && rv != KubeJson.GetString(pod, "metadata", "resourceVersion"))
            {
                throw ApiErrors.Conflict(resource, name,
                    $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {KubeJson.GetString(pod, "metadata", "resourceVersion")}");
            }

            var status = KubeJson.GetOrAddObject(pod, "status");
            var previous = Conditions.Find(status, "DisruptionTarget");
            var since = previous is not null && KubeJson.GetString(previous, "status") == "True"
                ? previous["lastTransitionTime"]?.DeepClone()
                : context.Service.Context.Timestamp();
            Conditions.Put(status, new JsonObject
            {
                ["type"] = "DisruptionTarget",
                ["status"] = "True",
                ["lastTransitionTime"] = since ?? context.Service.Context.Timestamp(),
                ["reason"] = "EvictionByEvictionAPI",
                ["message"] = "Eviction API: evicting",
            });
            return pod;
        }, WriteOptions.Default, "status", context.Aborted).ConfigureAwait(false);
        return options.PreconditionResourceVersion is null
            ? options
            : options with { PreconditionResourceVersion = written.Object.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }
}
