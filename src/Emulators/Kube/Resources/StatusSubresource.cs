using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.Resources;

/// <summary><c>{resource}/status</c>: GET returns the object; PUT and PATCH change only its status.</summary>
public sealed class StatusSubresource : ISubresourceHandler
{
    public static readonly StatusSubresource Instance = new();

    /// <summary>The subresource row for a kind (verbs get, patch, update).</summary>
    public static SubresourceType For(string kind) => new("status", kind, ["get", "patch", "update"], Instance);

    public Task HandleAsync(ApiContext context) => context.Request.Verb switch
    {
        "get" => RestHandlers.GetAsync(context),
        "update" => RestHandlers.UpdateAsync(context, "status"),
        "patch" => RestHandlers.PatchAsync(context, "status"),
        _ => throw ApiErrors.MethodNotAllowed(),
    };
}
