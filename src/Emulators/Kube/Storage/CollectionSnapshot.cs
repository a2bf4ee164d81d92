using System.Collections.Immutable;

namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>A consistent view of one collection: every object, sorted by key, at one resourceVersion.</summary>
public sealed record CollectionSnapshot(ImmutableSortedDictionary<string, StoredObject> Items, long ResourceVersion);
