using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Discovery;

/// <summary>
/// The discovery documents, built from the registry: legacy (<c>APIVersions</c>, <c>APIGroupList</c>, <c>APIGroup</c>,
/// <c>APIResourceList</c>) and aggregated (<c>apidiscovery.k8s.io/v2 APIGroupDiscoveryList</c>), in the shapes
/// /work/shared/reference/kubectl-wire.md §1 records from kubectl 1.32 and
/// https://kubernetes.io/docs/concepts/overview/kubernetes-api/#aggregated-discovery describes.
/// </summary>
public sealed class DiscoveryDocuments
{
    private readonly ResourceRegistry _registry;

    public DiscoveryDocuments(ResourceRegistry registry)
    {
        _registry = registry;
    }

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.4",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. _registry.Groups.Where(g => g.Length > 0).Select(g => (JsonNode)GroupBody(g))]),
    };

    public JsonObject? Group(string group) => _registry.Groups.Contains(group) && group.Length > 0
        ? new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1" }.Merge(GroupBody(group))
        : null;

    public JsonObject? ResourceList(string group, string version)
    {
        var types = _registry.In(group, version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var type in types)
        {
            resources.Add(ResourceRow(type));
            foreach (var sub in type.Subresources.Values)
            {
                var row = new JsonObject
                {
                    ["name"] = $"{type.Plural}/{sub.Name}",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = sub.Kind,
                    ["verbs"] = Strings(sub.Verbs),
                };
                if (sub.Group is not null)
                {
                    row["group"] = sub.Group;
                    row["version"] = sub.Version;
                }

                resources.Add(row);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    /// <summary><c>APIGroupDiscoveryList</c> for <c>/api</c> (core only) or <c>/apis</c> (every named group).</summary>
    public JsonObject Aggregated(bool core, string apiVersion) => new()
    {
        ["kind"] = "APIGroupDiscoveryList",
        ["apiVersion"] = apiVersion,
        ["metadata"] = new JsonObject(),
        ["items"] = new JsonArray([.. _registry.Groups.Where(g => (g.Length == 0) == core).Select(g => (JsonNode)AggregatedGroup(g))]),
    };

    private JsonObject GroupBody(string group)
    {
        var versions = _registry.VersionsOf(group).Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v }).ToArray();
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray(versions),
            ["preferredVersion"] = versions[0].DeepClone(),
        };
    }

    private static JsonObject ResourceRow(ResourceType type)
    {
        var row = new JsonObject
        {
            ["name"] = type.Plural,
            ["singularName"] = type.Singular,
            ["namespaced"] = type.Namespaced,
            ["kind"] = type.Kind,
            ["verbs"] = Strings(type.Verbs),
        };
        if (type.ShortNames.Count > 0)
        {
            row["shortNames"] = Strings(type.ShortNames);
        }

        if (type.Categories.Count > 0)
        {
            row["categories"] = Strings(type.Categories);
        }

        return row;
    }

    private JsonObject AggregatedGroup(string group)
    {
        var versions = new JsonArray();
        foreach (var version in _registry.VersionsOf(group))
        {
            var resources = new JsonArray();
            foreach (var type in _registry.In(group, version))
            {
                var resource = new JsonObject
                {
                    ["resource"] = type.Plural,
                    ["responseKind"] = Gvk(type.Group, type.Version, type.Kind),
                    ["scope"] = type.Namespaced ? "Namespaced" : "Cluster",
                    ["singularResource"] = type.Singular,
                    ["verbs"] = Strings(type.Verbs),
                };
                if (type.ShortNames.Count > 0)
                {
                    resource["shortNames"] = Strings(type.ShortNames);
                }

                if (type.Categories.Count > 0)
                {
                    resource["categories"] = Strings(type.Categories);
                }

                if (type.Subresources.Count > 0)
                {
                    resource["subresources"] = new JsonArray([.. type.Subresources.Values.Select(s => (JsonNode)new JsonObject
                    {
                        ["subresource"] = s.Name,
                        ["responseKind"] = Gvk(s.Group ?? type.Group, s.Version ?? type.Version, s.Kind),
                        ["verbs"] = Strings(s.Verbs),
                    })]);
                }

                resources.Add(resource);
            }

            versions.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
        }

        return new JsonObject { ["metadata"] = new JsonObject { ["name"] = group }, ["versions"] = versions };
    }

    private static JsonObject Gvk(string group, string version, string kind) => new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
