using Microsoft.AspNetCore.Http;

using OrleansEci.KubeletApi.Errors;

namespace OrleansEci.KubeletApi.Exec;

/// <summary>
/// <c>/attach/...</c>: refused with 501 and a Status that says why. Attach joins the container's main process (its
/// stdin, stdout and stderr). ECI has no API for that: ExecContainerCommand starts a new process (eci-openapi.md §3.7),
/// and there is no attach or console-stream action. Faking attach with an exec would hand the caller a different
/// process, so it is not done.
/// </summary>
internal static class AttachEndpoint
{
    /// <summary>The refusal, naming the container.</summary>
    public static KubeletProblem NotSupported(string ns, string pod, string container) => new(KubeletProblemKind.NotImplemented,
        $"attach to container \"{container}\" of pod \"{ns}/{pod}\" is not supported on ECI virtual nodes: ECI has no API to attach to a container's "
        + "main process (ExecContainerCommand only starts new processes); use kubectl logs -f to follow its output, or kubectl exec -it to run a shell beside it");

    public static Task HandleAsync(HttpContext context, string ns, string pod, string container) =>
        KubeletResults.WriteStatusAsync(context.Response, NotSupported(ns, pod, container));

    /// <summary>The uid form; the uid does not change the answer.</summary>
    public static Task HandleWithUidAsync(HttpContext context, string ns, string pod, string uid, string container) =>
        KubeletResults.WriteStatusAsync(context.Response, NotSupported(ns, pod, container));
}
