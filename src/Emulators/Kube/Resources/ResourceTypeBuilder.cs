using OrleansEci.Emulators.Kube.Objects;

namespace OrleansEci.Emulators.Kube.Resources;

/// <summary>Describes a resource type fluently; <see cref="Build"/> makes the immutable <see cref="ResourceType"/>.</summary>
public sealed class ResourceTypeBuilder
{
    /// <summary>The verbs of an ordinary stored resource.</summary>
    public static readonly IReadOnlyList<string> AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public ResourceTypeBuilder(string group, string version, string plural, string kind, bool namespaced)
    {
        Group = group;
        Version = version;
        Plural = plural;
        Kind = kind;
        Namespaced = namespaced;
    }

    internal string Group { get; }

    internal string Version { get; }

    internal string Plural { get; }

    internal string Kind { get; }

    internal bool Namespaced { get; }

    internal string? Singular { get; private set; }

    internal List<string> ShortNames { get; } = [];

    internal List<string> Categories { get; } = [];

    internal List<string> Verbs { get; private set; } = [.. AllVerbs];

    internal Type? ModelType { get; private set; }

    internal ResourceStrategy? Strategy { get; private set; }

    internal bool TracksGeneration { get; private set; }

    internal bool AllowCreateOnUpdate { get; private set; }

    internal bool ReturnDeletedObject { get; private set; }

    internal IResourceHandler? Handler { get; private set; }

    internal List<SubresourceType> Subresources { get; } = [];

    internal Dictionary<string, FieldExtractor> FieldSelectors { get; } = new(StringComparer.Ordinal);

    public ResourceTypeBuilder WithSingular(string singular) { Singular = singular; return this; }

    public ResourceTypeBuilder WithShortNames(params string[] names) { ShortNames.AddRange(names); return this; }

    /// <summary>Adds categories; <c>all</c> makes <c>kubectl get all</c> include the type.</summary>
    public ResourceTypeBuilder WithCategories(params string[] categories) { Categories.AddRange(categories); return this; }

    public ResourceTypeBuilder WithVerbs(params string[] verbs) { Verbs = [.. verbs]; return this; }

    public ResourceTypeBuilder WithModel<T>() { ModelType = typeof(T); return this; }

    public ResourceTypeBuilder WithStrategy(ResourceStrategy strategy) { Strategy = strategy; return this; }

    public ResourceTypeBuilder WithGeneration() { TracksGeneration = true; return this; }

    public ResourceTypeBuilder WithCreateOnUpdate() { AllowCreateOnUpdate = true; return this; }

    public ResourceTypeBuilder WithDeletedObjectReturned() { ReturnDeletedObject = true; return this; }

    public ResourceTypeBuilder WithHandler(IResourceHandler handler) { Handler = handler; return this; }

    public ResourceTypeBuilder WithSubresource(SubresourceType subresource) { Subresources.Add(subresource); return this; }

    public ResourceTypeBuilder WithFieldSelector(string field, FieldExtractor extractor) { FieldSelectors[field] = extractor; return this; }

    public ResourceType Build() => new(this);
}
