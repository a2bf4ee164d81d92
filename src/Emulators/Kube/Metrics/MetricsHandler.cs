using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Metrics;

/// <summary>
/// Serves <c>metrics.k8s.io/v1beta1</c> <c>nodes</c> and <c>pods</c> (NodeMetrics, PodMetrics) from
/// <see cref="MetricsStorage"/>, as metrics-server's API (pkg/api/node.go, pod.go): lists hold the objects that exist
/// and have usage (label selectors apply to the Node or Pod); a get without usage is 404 <c>podmetrics.metrics.k8s.io "ns/name" not found</c>.
/// </summary>
public sealed class MetricsHandler : IResourceHandler
{
    public const string ApiVersion = "metrics.k8s.io/v1beta1";
    private readonly MetricsStorage _storage;
    private readonly bool _pods;

    public MetricsHandler(MetricsStorage storage, bool pods)
    {
        _storage = storage;
        _pods = pods;
    }

    public Task HandleAsync(ApiContext context)
    {
        var service = context.Service;
        var type = service.Registry.Get("", _pods ? "pods" : "nodes");
        var ns = context.Request.Namespace;
        switch (context.Request.Verb)
        {
            case "list":
                var options = context.ListOptions() with { Limit = 0, Continue = null, FieldSelector = Selectors.FieldSelector.Parse(context.Query("fieldSelector"), type) };
                var items = service.List(type, ns, options).Items.Select(o => Item(o.ToJson(), context)).OfType<JsonNode>().ToArray();
                return context.WriteJsonAsync(200, new JsonObject
                {
                    ["kind"] = _pods ? "PodMetricsList" : "NodeMetricsList",
                    ["apiVersion"] = ApiVersion,
                    ["metadata"] = new JsonObject(),
                    ["items"] = new JsonArray(items),
                });
            case "get" when context.Request.Subresource is null:
                var name = context.Request.Name!;
                var item = Item(service.Get(type, ns, name).ToJson(), context)
                    ?? throw ApiErrors.NotFound(new GroupResource("metrics.k8s.io", _pods ? "podmetrics" : "nodemetrics"), _pods ? $"{ns}/{name}" : name);
                return context.WriteJsonAsync(200, item);
            default:
                throw ApiErrors.MethodNotSupported(context.Type.GroupResource, context.Request.Verb);
        }
    }

    private JsonObject? Item(JsonObject obj, ApiContext context)
    {
        var name = Meta.Name(obj) ?? "";
        var metadata = new JsonObject { ["name"] = name };
        if (_pods)
        {
            metadata["namespace"] = Meta.Namespace(obj);
        }

        metadata["creationTimestamp"] = context.Service.Context.Timestamp();
        if (Meta.Of(obj)["labels"] is JsonObject labels)
        {
            metadata["labels"] = labels.DeepClone();
        }

        if (!_pods)
        {
            return _storage.Node(name) is { } usage
                ? Object("NodeMetrics", metadata, usage.Timestamp, usage.Window, ("usage", Usage(usage)))
                : null;
        }

        if (_storage.Pod(Meta.Namespace(obj) ?? "", name) is not { Count: > 0 } containers)
        {
            return null;
        }

        var list = new JsonArray([.. containers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Container, ["usage"] = Usage(c.Usage) })]);
        return Object("PodMetrics", metadata, containers.Min(c => c.Usage.Timestamp), containers.Max(c => c.Usage.Window), ("containers", list));
    }

    private static JsonObject Object(string kind, JsonObject metadata, DateTimeOffset timestamp, TimeSpan window, (string Name, JsonNode Value) body) => new()
    {
        ["kind"] = kind,
        ["apiVersion"] = ApiVersion,
        ["metadata"] = metadata,
        ["timestamp"] = Meta.FormatTime(timestamp),
        ["window"] = MetricsQuantities.Duration(window),
        [body.Name] = body.Value,
    };

    private static JsonObject Usage(MetricsStorage.Usage usage) => new()
    {
        ["cpu"] = MetricsQuantities.Cpu(usage.NanoCores),
        ["memory"] = MetricsQuantities.Memory(usage.MemoryBytes),
    };
}
