namespace OrleansEci.Emulators.Kube.Resources;

/// <summary>
/// Contributes resource types (or subresources, or features of existing types) to the <see cref="ResourceRegistry"/>.
/// Register implementations in DI (<c>services.AddSingleton&lt;IResourceTypeSource, X&gt;()</c>); they run once, in
/// registration order, when the registry is first needed. The built-in types come first.
/// </summary>
public interface IResourceTypeSource
{
    void Register(ResourceRegistry registry);
}
