using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Patching;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Selectors;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Apps;

/// <summary>
/// <c>{deployments,replicasets}/{name}/scale</c> as autoscaling/v1 Scale (pkg/registry/apps/deployment/storage/storage.go
/// ScaleREST): GET reads spec.replicas, status.replicas and the selector as a string; PUT and PATCH (all three patch
/// types, applied to the Scale) change only spec.replicas, with the Scale's resourceVersion as a precondition.
/// </summary>
public sealed class ScaleSubresource : ISubresourceHandler
{
    public static SubresourceType Type { get; } = new("scale", "Scale", ["get", "patch", "update"], new ScaleSubresource())
    {
        Group = "autoscaling",
        Version = "v1",
    };

    public async Task HandleAsync(ApiContext context)
    {
        var name = context.Request.Name!;
        var ns = context.Request.Namespace;
        switch (context.Request.Verb)
        {
            case "get":
                await context.WriteJsonAsync(200, ToScale(context.Service.Get(context.Type, ns, name))).ConfigureAwait(false);
                return;
            case "update":
                var body = await context.ReadObjectAsync().ConfigureAwait(false);
                await ApplyAsync(context, _ => body).ConfigureAwait(false);
                return;
            case "patch":
                var (kind, patch) = await RequestBody.ReadPatchAsync(context.Http, context.Options.MaxRequestBodyBytes).ConfigureAwait(false);
                await ApplyAsync(context, scale => Patcher.Apply(kind, scale, patch, "Scale")).ConfigureAwait(false);
                return;
            default:
                throw ApiErrors.MethodNotAllowed();
        }
    }

    private static async Task ApplyAsync(ApiContext context, Func<JsonObject, JsonObject> change)
    {
        var name = context.Request.Name!;
        var result = await context.Service.UpdateWithAsync(context.Type, context.Request.Namespace, name, obj =>
        {
            var scale = change(ToScale(obj));
            var replicas = KubeJson.GetInt64((scale["spec"] as JsonObject)?["replicas"]) ?? 0;
            if (replicas < 0)
            {
                throw ApiErrors.Invalid("autoscaling", "Scale", name, [StatusCause.Invalid("spec.replicas", replicas, "must be greater than or equal to 0")]);
            }

            if (Meta.ResourceVersion(scale) is { Length: > 0 } rv && rv != Meta.ResourceVersion(obj))
            {
                throw ApiErrors.StaleResourceVersion(context.Type.GroupResource, name);
            }

            KubeJson.GetOrAddObject(obj, "spec")["replicas"] = replicas;
            return obj;
        }, context.WriteOptions(), "scale", context.Aborted).ConfigureAwait(false);
        await context.WriteJsonAsync(200, ToScale(result.Object)).ConfigureAwait(false);
    }

    private static JsonObject ToScale(StoredObject stored) => ToScale(stored.ToJson());

    private static JsonObject ToScale(JsonObject obj)
    {
        var meta = Meta.Of(obj);
        var scaleMeta = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            if (meta[field] is { } value)
            {
                scaleMeta[field] = value.DeepClone();
            }
        }

        var spec = obj["spec"] as JsonObject;
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMeta,
            ["spec"] = new JsonObject { ["replicas"] = KubeJson.GetInt64(spec?["replicas"]) ?? 0 },
            ["status"] = new JsonObject
            {
                ["replicas"] = KubeJson.GetInt64((obj["status"] as JsonObject)?["replicas"]) ?? 0,
                ["selector"] = LabelSelector.FromJson(spec?["selector"] as JsonObject).ToString(),
            },
        };
    }
}
