namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>
/// Fills the store before the server bootstraps its namespaces and starts serving (e.g. from a snapshot file).
/// Register with <c>services.AddSingleton&lt;IStoreInitializer, X&gt;()</c>; <see cref="Hosting.KubeApiServer"/> runs them in order.
/// </summary>
public interface IStoreInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
