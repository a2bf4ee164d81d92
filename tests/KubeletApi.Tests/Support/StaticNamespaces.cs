using OrleansEci.KubeletApi.Admission;

namespace OrleansEci.KubeletApi.Tests.Support;

/// <summary>A namespace cache with fixed contents that counts lookups.</summary>
public sealed class StaticNamespaces(Dictionary<string, Dictionary<string, string>> namespaces) : INamespaceLabelLookup
{
    public int Lookups { get; private set; }

    public ValueTask<IReadOnlyDictionary<string, string>?> FindLabelsAsync(string namespaceName, CancellationToken cancellationToken)
    {
        Lookups++;
        return ValueTask.FromResult<IReadOnlyDictionary<string, string>?>(namespaces.TryGetValue(namespaceName, out var labels) ? labels : null);
    }
}
