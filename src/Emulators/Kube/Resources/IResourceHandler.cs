using OrleansEci.Emulators.Kube.Api;

namespace OrleansEci.Emulators.Kube.Resources;

/// <summary>
/// Serves a resource that is not kept in the store (tokenreviews, subjectaccessreviews, metrics.k8s.io nodes/pods):
/// when a <see cref="ResourceType"/> has one, every request for it goes here instead of the generic REST handlers.
/// </summary>
public interface IResourceHandler
{
    Task HandleAsync(ApiContext context);
}
