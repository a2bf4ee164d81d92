using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http.Features;

using OrleansEci.Emulators.Kube.Objects;

namespace OrleansEci.Emulators.Kube.Resources;

/// <summary>
/// Everything the server knows about one resource type: its names (for discovery and URLs), scope, verbs, subresources,
/// the model type whose JSON properties define the known fields, the strategy that defaults and validates its objects,
/// and the field selectors it supports. Build with <see cref="ResourceTypeBuilder"/>; register in <see cref="ResourceRegistry"/>.
/// </summary>
public sealed class ResourceType
{
    private readonly Dictionary<string, SubresourceType> _subresources;

    internal ResourceType(ResourceTypeBuilder b)
    {
        Group = b.Group;
        Version = b.Version;
        Plural = b.Plural;
        Kind = b.Kind;
        Singular = b.Singular ?? b.Kind.ToLowerInvariant();
        ListKind = b.Kind + "List";
        Namespaced = b.Namespaced;
        ShortNames = [.. b.ShortNames];
        Categories = [.. b.Categories];
        Verbs = [.. b.Verbs];
        ModelType = b.ModelType;
        Strategy = b.Strategy ?? ResourceStrategy.Default;
        TracksGeneration = b.TracksGeneration;
        AllowCreateOnUpdate = b.AllowCreateOnUpdate;
        ReturnDeletedObject = b.ReturnDeletedObject;
        Handler = b.Handler;
        _subresources = b.Subresources.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var fields = new Dictionary<string, FieldExtractor>(StringComparer.Ordinal)
        {
            ["metadata.name"] = o => (o["metadata"] as JsonObject)?["name"]?.GetValue<string>(),
        };
        if (Namespaced)
        {
            fields["metadata.namespace"] = o => (o["metadata"] as JsonObject)?["namespace"]?.GetValue<string>();
        }

        foreach (var (name, extractor) in b.FieldSelectors)
        {
            fields[name] = extractor;
        }

        FieldSelectors = fields;
    }

    /// <summary>API group; "" for the core (legacy) group served under <c>/api</c>.</summary>
    public string Group { get; }

    public string Version { get; }

    /// <summary>The URL name, e.g. <c>pods</c>.</summary>
    public string Plural { get; }

    public string Singular { get; }

    public string Kind { get; }

    public string ListKind { get; }

    public bool Namespaced { get; }

    public IReadOnlyList<string> ShortNames { get; }

    public IReadOnlyList<string> Categories { get; }

    /// <summary>The verbs discovery advertises for the main resource.</summary>
    public IReadOnlyList<string> Verbs { get; }

    /// <summary>The KubernetesClient model type (e.g. <c>k8s.Models.V1Pod</c>) whose JSON properties are the known fields.</summary>
    public Type? ModelType { get; }

    public ResourceStrategy Strategy { get; }

    /// <summary>Whether <c>metadata.generation</c> starts at 1 and is bumped on every change outside metadata and status.</summary>
    public bool TracksGeneration { get; }

    /// <summary>Whether PUT to a missing name creates it (events, leases, services do; pods do not).</summary>
    public bool AllowCreateOnUpdate { get; }

    /// <summary>Whether DELETE answers with the object (pods, services, namespaces) rather than a Success Status.</summary>
    public bool ReturnDeletedObject { get; }

    /// <summary>When set, this type is not stored: every request for it goes to the handler.</summary>
    public IResourceHandler? Handler { get; }

    public IReadOnlyDictionary<string, SubresourceType> Subresources => _subresources;

    /// <summary>Field selectors this type supports, by field path (always <c>metadata.name</c>, and <c>metadata.namespace</c> if namespaced).</summary>
    public IReadOnlyDictionary<string, FieldExtractor> FieldSelectors { get; }

    /// <summary>Whether the type has a <c>status</c> subresource (so status is ignored on the main resource).</summary>
    public bool HasStatusSubresource => Subresources.ContainsKey("status");

    /// <summary><c>v1</c> or <c>apps/v1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public GroupResource GroupResource => new(Group, Plural);

    /// <summary>
    /// Extensions that other features attach to a type without the core knowing them, e.g. a Table column provider:
    /// <c>type.Features.Set&lt;ITableColumnProvider&gt;(new PodColumns())</c>.
    /// </summary>
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public override string ToString() => GroupResource.ToString();

    /// <summary>Adds or replaces a subresource while the registry is being built (before the server serves).</summary>
    internal void SetSubresource(SubresourceType subresource) => _subresources[subresource.Name] = subresource;
}
