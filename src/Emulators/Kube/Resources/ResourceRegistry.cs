namespace OrleansEci.Emulators.Kube.Resources;

/// <summary>
/// The resource types this server serves, looked up by URL (<c>group/version/plural</c>), by kind, or by group for
/// discovery. Filled once at start-up by every <see cref="IResourceTypeSource"/>; read-only afterwards.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceType> _byPath = [];
    private readonly List<ResourceType> _ordered = [];
    private readonly bool _sealed;

    public ResourceRegistry(IEnumerable<IResourceTypeSource> sources)
    {
        foreach (var source in sources)
        {
            source.Register(this);
        }

        _sealed = true;
    }

    /// <summary>All types in registration order (core group first).</summary>
    public IReadOnlyList<ResourceType> All => _ordered;

    /// <summary>Groups in discovery order: the core group ("") first, then the others in registration order.</summary>
    public IEnumerable<string> Groups => _ordered.Select(t => t.Group).Distinct(StringComparer.Ordinal);

    public ResourceType Add(ResourceType type)
    {
        ThrowIfSealed();
        if (!_byPath.TryAdd((type.Group, type.Version, type.Plural), type))
        {
            throw new InvalidOperationException($"Resource type {type.ApiVersion} {type.Plural} is registered twice; register each type once.");
        }

        _ordered.Add(type);
        return type;
    }

    /// <summary>Adds a subresource to a registered type (e.g. <c>pods/log</c>); replaces one of the same name.</summary>
    public void AddSubresource(string group, string plural, SubresourceType subresource)
    {
        ThrowIfSealed();
        var type = _ordered.FirstOrDefault(t => t.Group == group && t.Plural == plural)
            ?? throw new InvalidOperationException($"Cannot add subresource {subresource.Name}: resource {plural} in group \"{group}\" is not registered.");
        type.SetSubresource(subresource);
    }

    public ResourceType? Find(string group, string version, string plural) =>
        _byPath.GetValueOrDefault((group, version, plural));

    /// <summary>The preferred type for a group and plural, whatever the version.</summary>
    public ResourceType Get(string group, string plural) =>
        _ordered.FirstOrDefault(t => t.Group == group && t.Plural == plural)
        ?? throw new InvalidOperationException($"Resource {plural} in group \"{group}\" is not registered.");

    public ResourceType? FindByKind(string apiVersion, string kind) =>
        _ordered.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind);

    public IEnumerable<string> VersionsOf(string group) =>
        _ordered.Where(t => t.Group == group).Select(t => t.Version).Distinct(StringComparer.Ordinal);

    public IEnumerable<ResourceType> In(string group, string version) =>
        _ordered.Where(t => t.Group == group && t.Version == version);

    private void ThrowIfSealed()
    {
        if (_sealed)
        {
            throw new InvalidOperationException("The resource registry is built once at start-up; register types through an IResourceTypeSource.");
        }
    }
}
