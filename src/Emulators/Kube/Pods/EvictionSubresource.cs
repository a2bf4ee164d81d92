using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Pods;

/// <summary>
/// <c>POST pods/{name}/eviction</c> (policy/v1 Eviction): deletes the pod gracefully with the eviction's deleteOptions
/// and answers a Success Status (pkg/registry/core/pod/storage/eviction.go). There are no PodDisruptionBudgets here,
/// so no eviction is refused with 429.
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
        await context.Service.DeleteAsync(context.Type, context.Request.Namespace, name, options, context.Aborted).ConfigureAwait(false);
        await PodActionRequest.WriteCreatedAsync(context).ConfigureAwait(false);
    }
}
