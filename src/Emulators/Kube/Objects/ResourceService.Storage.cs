using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Objects;

public sealed partial class ResourceService
{
    /// <summary>
    /// A raw read-modify-write on storage, without defaulting, admission or update validation: what subresources such
    /// as <c>pods/binding</c> do in kube-apiserver (they call the storage's GuaranteedUpdate directly).
    /// <paramref name="mutate"/> gets a private copy and returns the new object (or null to leave it unchanged).
    /// </summary>
    public StoredObject StorageUpdate(ResourceType type, string? ns, string name, Func<JsonObject, JsonObject?> mutate)
    {
        ns = Scope(type, ns);
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var current = Get(type, ns, name);
            var next = mutate(current.ToJson());
            if (next is null)
            {
                return current;
            }

            if (_store.TryReplace(type, current, next) is { } stored)
            {
                return stored;
            }
        }

        throw ApiErrors.Conflict(type.GroupResource, name, $"the object kept changing; gave up after {MaxUpdateAttempts} attempts");
    }
}
