using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Objects;

/// <summary>One page of a list: the items, the list's resourceVersion, and the token for the next page.</summary>
public sealed record ListResult(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
