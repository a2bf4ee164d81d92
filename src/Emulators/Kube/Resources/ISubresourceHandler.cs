using OrleansEci.Emulators.Kube.Api;

namespace OrleansEci.Emulators.Kube.Resources;

/// <summary>
/// Serves one subresource (e.g. <c>pods/{name}/binding</c>). The handler gets the whole HTTP exchange, so it can stream
/// (log), upgrade the connection (exec, attach, portforward) or answer one JSON object (status, scale, eviction).
/// Errors are thrown as <see cref="Errors.ApiException"/> and become Status responses.
/// </summary>
public interface ISubresourceHandler
{
    Task HandleAsync(ApiContext context);
}
