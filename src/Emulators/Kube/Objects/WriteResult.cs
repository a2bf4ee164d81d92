using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Objects;

/// <summary>The outcome of a write: the object as stored (or as it would be, on a dry run), and warnings for the client.</summary>
public sealed record WriteResult(StoredObject Object, IReadOnlyList<string> Warnings, bool Created = false);
