using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Validation;

namespace OrleansEci.Emulators.Kube.Services;

/// <summary>
/// Services, as pkg/registry/core/service: DNS-1035 names, defaults (type ClusterIP, TCP ports, targetPort = port,
/// sessionAffinity None, traffic policies), a ClusterIP from the service CIDR (or "None" for headless), NodePorts for
/// NodePort/LoadBalancer services, both kept on update and released on delete.
/// </summary>
public sealed class ServiceStrategy : ResourceStrategy
{
    private readonly ClusterIpAllocator _allocator;

    public ServiceStrategy(ClusterIpAllocator allocator)
    {
        _allocator = allocator;
    }

    public override NameRule NameRule => NameRule.Dns1035Label;

    public override void ApplyDefaults(StrategyContext context, JsonObject obj)
    {
        var spec = KubeJson.GetOrAddObject(obj, "spec");
        var type = (string?)(spec["type"] ??= "ClusterIP");
        spec["sessionAffinity"] ??= "None";
        if (type != "ExternalName")
        {
            spec["internalTrafficPolicy"] ??= "Cluster";
        }

        if (type is "NodePort" or "LoadBalancer")
        {
            spec["externalTrafficPolicy"] ??= "Cluster";
        }

        if (type == "LoadBalancer")
        {
            spec["allocateLoadBalancerNodePorts"] ??= true;
        }

        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
            port["targetPort"] ??= port["port"]?.DeepClone();
        }
    }

    public override void PrepareForCreate(StrategyContext context, JsonObject obj)
    {
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
        var spec = KubeJson.GetOrAddObject(obj, "spec");
        var type = KubeJson.GetString(spec, "type");
        if (type == "ExternalName")
        {
            return;
        }

        var requested = KubeJson.GetString(spec, "clusterIP") ?? (spec["clusterIPs"] as JsonArray)?.FirstOrDefault()?.GetValue<string>();
        string ip;
        if (requested == "None")
        {
            ip = "None";
        }
        else if (string.IsNullOrEmpty(requested))
        {
            ip = _allocator.AllocateNext();
        }
        else if (!_allocator.TryAllocate(requested))
        {
            spec.Remove("clusterIP");
            spec.Remove("clusterIPs");
            throw ApiErrors.Invalid("", "Service", Meta.Name(obj) ?? "",
                [StatusCause.Invalid("spec.clusterIPs", $"[]string{{\"{requested}\"}}", $"failed to allocate IP {requested}: provided IP is already allocated or outside the service range")]);
        }
        else
        {
            ip = requested;
        }

        spec["clusterIP"] = ip;
        spec["clusterIPs"] = new JsonArray(ip);
        spec["ipFamilies"] ??= new JsonArray("IPv4");
        spec["ipFamilyPolicy"] ??= "SingleStack";
        if (type is "NodePort" or "LoadBalancer")
        {
            AllocateNodePorts(obj, spec);
        }
    }

    public override void PrepareForUpdate(StrategyContext context, JsonObject obj, JsonObject old)
    {
        var spec = KubeJson.GetOrAddObject(obj, "spec");
        var oldSpec = old["spec"] as JsonObject;
        foreach (var field in new[] { "clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy" })
        {
            if (spec[field] is null && oldSpec?[field] is { } value)
            {
                spec[field] = value.DeepClone();
            }
        }

        var oldPorts = (oldSpec?["ports"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>().Where(p => p["nodePort"] is null))
        {
            var match = oldPorts.FirstOrDefault(o => JsonNode.DeepEquals(o["port"], port["port"]) && JsonNode.DeepEquals(o["protocol"], port["protocol"]));
            if (match?["nodePort"] is { } nodePort)
            {
                port["nodePort"] = nodePort.DeepClone();
            }
        }
    }

    public override void Validate(StrategyContext context, JsonObject obj, List<StatusCause> causes)
    {
        var spec = obj["spec"] as JsonObject;
        var type = KubeJson.GetString(spec, "type");
        string[] types = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];
        if (!types.Contains(type))
        {
            causes.Add(StatusCause.NotSupported("spec.type", type, types));
        }

        var ports = spec?["ports"] as JsonArray;
        if (type != "ExternalName" && KubeJson.GetString(spec, "clusterIP") != "None" && ports is not { Count: > 0 })
        {
            causes.Add(StatusCause.Required("spec.ports"));
        }

        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            var port = KubeJson.GetInt64((ports![i] as JsonObject)?["port"]);
            if (port is null or < 1 or > 65535)
            {
                causes.Add(StatusCause.Invalid($"spec.ports[{i}].port", port ?? 0, "must be between 1 and 65535, inclusive"));
            }
        }
    }

    public override void ValidateUpdate(StrategyContext context, JsonObject obj, JsonObject old, List<StatusCause> causes)
    {
        var ip = KubeJson.GetString(obj, "spec", "clusterIP");
        var oldIp = KubeJson.GetString(old, "spec", "clusterIP");
        if (oldIp is not null && ip != oldIp)
        {
            causes.Add(StatusCause.Invalid("spec.clusterIPs[0]", $"[]string{{\"{ip}\"}}", "may not change once set"));
        }
    }

    public override void ReleaseUncommitted(StrategyContext context, JsonObject obj) => Release(obj);

    public override void AfterDelete(StrategyContext context, JsonObject obj) => Release(obj);

    private void AllocateNodePorts(JsonObject obj, JsonObject spec)
    {
        var ports = spec["ports"] as JsonArray ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i] is not JsonObject port)
            {
                continue;
            }

            if (KubeJson.GetInt64(port["nodePort"]) is { } wanted)
            {
                if (!_allocator.TryAllocatePort((int)wanted))
                {
                    port.Remove("nodePort");
                    throw ApiErrors.Invalid("", "Service", Meta.Name(obj) ?? "",
                        [StatusCause.Invalid($"spec.ports[{i}].nodePort", wanted, "provided port is already allocated")]);
                }
            }
            else
            {
                port["nodePort"] = _allocator.AllocateNextPort();
            }
        }
    }

    private void Release(JsonObject obj)
    {
        if (KubeJson.GetString(obj, "spec", "clusterIP") is { } ip && ip != "None")
        {
            _allocator.Release(ip);
        }

        foreach (var port in ((obj["spec"] as JsonObject)?["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (KubeJson.GetInt64(port["nodePort"]) is { } nodePort)
            {
                _allocator.ReleasePort((int)nodePort);
            }
        }
    }
}
