using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Pods;

/// <summary>
/// <c>POST pods/{name}/binding</c>: what a scheduler calls to place a pod. Sets <c>spec.nodeName</c>, copies the
/// binding's annotations and adds <c>PodScheduled=True</c>, refusing pods already bound or being deleted
/// (pkg/registry/core/pod/storage/storage.go, BindingREST).
/// </summary>
public sealed class BindingSubresource : ISubresourceHandler
{
    public static SubresourceType Type { get; } = new("binding", "Binding", ["create"], new BindingSubresource());

    public async Task HandleAsync(ApiContext context)
    {
        var body = await PodActionRequest.ReadAsync(context, "Binding").ConfigureAwait(false);
        var name = context.Request.Name!;
        var node = KubeJson.GetString(body, "target", "name") ?? "";
        var kind = KubeJson.GetString(body, "target", "kind") ?? "";
        if (kind is not ("" or "Node") || node.Length == 0)
        {
            throw ApiErrors.Invalid("", "Binding", name, [node.Length == 0
                ? StatusCause.Required("target.name")
                : StatusCause.NotSupported("target.kind", kind, ["Node", "<empty>"])]);
        }

        if (context.DryRun())
        {
            context.Service.Get(context.Type, context.Request.Namespace, name);
        }
        else
        {
            Bind(context.Service, context.Request.Namespace, name, node, (body["metadata"] as JsonObject)?["annotations"] as JsonObject);
        }

        await PodActionRequest.WriteCreatedAsync(context).ConfigureAwait(false);
    }

    /// <summary>
    /// Binds a pod to a node in-process, exactly as <c>POST pods/{name}/binding</c> does (for a scheduler living in
    /// this server): 409 Conflict when the pod is already bound or being deleted, 404 when it is gone.
    /// </summary>
    public static Storage.StoredObject Bind(ResourceService service, string? ns, string name, string node, JsonObject? annotations = null)
    {
        var resource = new GroupResource("", "pods/binding");
        return service.StorageUpdate(service.Registry.Get("", "pods"), ns, name, pod => Apply(service, pod, name, node, annotations, resource));
    }

    private static JsonObject Apply(ResourceService service, JsonObject pod, string name, string node, JsonObject? annotations, GroupResource resource)
    {
        if (Meta.DeletionTimestamp(pod) is not null)
        {
            throw ApiErrors.Conflict(resource, name, $"pod {name} is being deleted, cannot be assigned to a host");
        }

        var spec = KubeJson.GetOrAddObject(pod, "spec");
        if (KubeJson.GetString(spec, "nodeName") is { Length: > 0 } current)
        {
            throw ApiErrors.Conflict(resource, name, $"pod {name} is already assigned to node \"{current}\"");
        }

        spec["nodeName"] = node;
        if (annotations is not null)
        {
            var target = KubeJson.GetOrAddObject(Meta.Of(pod), "annotations");
            foreach (var (key, value) in annotations)
            {
                target[key] = value?.DeepClone();
            }
        }

        var status = KubeJson.GetOrAddObject(pod, "status");
        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var scheduled = conditions.OfType<JsonObject>().FirstOrDefault(c => KubeJson.GetString(c, "type") == "PodScheduled");
        if (scheduled is null)
        {
            scheduled = new JsonObject { ["type"] = "PodScheduled" };
            conditions.Add(scheduled);
        }

        if (KubeJson.GetString(scheduled, "status") != "True")
        {
            scheduled["status"] = "True";
            scheduled["lastProbeTime"] = null;
            scheduled["lastTransitionTime"] = service.Context.Timestamp();
            scheduled.Remove("reason");
            scheduled.Remove("message");
        }

        return pod;
    }
}
