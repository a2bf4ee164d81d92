namespace OrleansEci.KubeletApi.Admission;

/// <summary>
/// The labels of a namespace, for the namespace routes and selectors. Implemented by a namespace cache fed by a watch,
/// so a lookup answers from memory.
/// </summary>
public interface INamespaceLabelLookup
{
    /// <summary>
    /// The namespace's labels (empty when it has none), or null when the namespace is not known (yet); the webhook then
    /// answers 503, so the webhook's failurePolicy decides, rather than routing the pod as if the namespace had no labels.
    /// </summary>
    ValueTask<IReadOnlyDictionary<string, string>?> FindLabelsAsync(string namespaceName, CancellationToken cancellationToken);
}
