namespace OrleansEci.KubeletApi.Auth;

/// <summary>
/// What a kubelet API request asks of the <c>nodes</c> resource, mapped as kubelet's
/// pkg/kubelet/server/auth.go <c>GetRequestAttributes</c>: the HTTP method gives the verb (POST create, GET and HEAD get,
/// PUT update, PATCH patch, DELETE delete); the path gives the subresource: <c>/stats</c> stats, <c>/metrics</c>
/// metrics, <c>/logs</c> log, <c>/spec</c> spec, <c>/checkpoint</c> checkpoint, anything else proxy (so
/// <c>/containerLogs</c>, <c>/pods</c>, <c>/exec</c> and <c>/healthz</c> need <c>nodes/proxy</c>). The same table is in
/// kubernetes/website content/en/docs/reference/access-authn-authz/kubelet-authn-authz.md, which also describes
/// KubeletFineGrainedAuthz: <c>/pods</c> and <c>/healthz</c> are first checked as <c>nodes/pods</c> and
/// <c>nodes/healthz</c>, then fall back to <c>nodes/proxy</c> (<see cref="FineGrained"/>).
/// </summary>
public sealed record KubeletRequestAttributes(string Verb, string Subresource)
{
    /// <summary>The narrower subresource asked first (<c>pods</c>, <c>healthz</c>), or null; <see cref="Subresource"/> is the fallback.</summary>
    public string? FineGrained { get; init; }

    public static KubeletRequestAttributes For(string method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var verb = method.ToUpperInvariant() switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => "",
        };
        var subresource = IsSubpath(path, "/stats") ? "stats"
            : IsSubpath(path, "/metrics") ? "metrics"
            : IsSubpath(path, "/logs") ? "log"
            : IsSubpath(path, "/spec") ? "spec"
            : IsSubpath(path, "/checkpoint") ? "checkpoint"
            : "proxy";
        var fineGrained = path is "/pods" or "/pods/" or "/runningPods" or "/runningPods/" ? "pods"
            : IsSubpath(path, "/healthz") ? "healthz"
            : null;
        return new KubeletRequestAttributes(verb, subresource) { FineGrained = fineGrained };
    }

    // auth.go isSubpath: the path is the prefix itself or continues with '/'.
    private static bool IsSubpath(string path, string prefix) =>
        path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal);
}
