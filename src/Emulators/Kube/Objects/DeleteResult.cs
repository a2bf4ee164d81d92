using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Objects;

/// <summary>
/// The outcome of a delete: <see cref="Deleted"/> true when the object left the store; false when it stays with a
/// deletionTimestamp (graceful deletion or pending finalizers); either way the answer is 200.
/// </summary>
public sealed record DeleteResult(StoredObject Object, bool Deleted);
