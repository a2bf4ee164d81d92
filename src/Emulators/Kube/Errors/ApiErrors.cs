using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Errors;

/// <summary>
/// Builds every failure the API returns, worded as k8s.io/apimachinery/pkg/api/errors words it
/// (https://github.com/kubernetes/apimachinery/blob/master/pkg/api/errors/errors.go).
/// </summary>
public static class ApiErrors
{
    public static ApiException NotFound(GroupResource resource, string name) =>
        new(404, "NotFound", $"{resource} \"{name}\" not found", new StatusDetails(name, resource.Group, resource.Resource));

    /// <summary>The 404 for a path that names no known resource (the body kube-apiserver sends for unknown resources).</summary>
    public static ApiException NoSuchResource() =>
        new(404, "NotFound", "the server could not find the requested resource", new StatusDetails(null, null, null));

    public static ApiException AlreadyExists(GroupResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource} \"{name}\" already exists", new StatusDetails(name, resource.Group, resource.Resource));

    public static ApiException Conflict(GroupResource resource, string name, string reason) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource} \"{name}\": {reason}",
            new StatusDetails(name, resource.Group, resource.Resource));

    /// <summary>The optimistic-concurrency failure for a stale <c>metadata.resourceVersion</c>.</summary>
    public static ApiException StaleResourceVersion(GroupResource resource, string name) =>
        Conflict(resource, name, "the object has been modified; please apply your changes to the latest version and try again");

    /// <summary>422 Invalid: <c>Kind "name" is invalid: field: message</c> (several causes print as a bracketed list).</summary>
    public static ApiException Invalid(string group, string kind, string name, IReadOnlyList<StatusCause> causes)
    {
        var aggregate = causes.Count == 1
            ? causes[0].ToString()
            : "[" + string.Join(", ", causes.Select(c => c.ToString())) + "]";
        return new ApiException(422, "Invalid", $"{QualifiedKind(group, kind)} \"{name}\" is invalid: {aggregate}",
            new StatusDetails(name, group, kind, causes));
    }

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Forbidden(GroupResource resource, string name, string reason) =>
        new(403, "Forbidden", $"{resource} \"{name}\" is forbidden: {reason}", new StatusDetails(name, resource.Group, resource.Resource));

    public static ApiException MethodNotSupported(GroupResource resource, string action) =>
        new(405, "MethodNotAllowed", $"{action} is not supported on resources of kind \"{resource}\"",
            new StatusDetails(null, resource.Group, resource.Resource));

    /// <summary>The 405 for an HTTP method that a path does not accept at all.</summary>
    public static ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new StatusDetails(null, null, null));

    /// <summary>410 Expired: a watch or list asked for a version older than the retained window.</summary>
    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException TooOldResourceVersion(long requested, long oldest) =>
        Expired($"too old resource version: {requested} ({oldest})");

    public static ApiException RequestEntityTooLarge(long limit) =>
        new(413, "RequestEntityTooLarge", $"Request entity too large: limit is {limit}");

    public static ApiException UnsupportedMediaType(string contentType, IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}",
            new StatusDetails(null, null, null)) { Headers = null };

    public static ApiException NotAcceptable(IEnumerable<string> accepted) =>
        new(406, "NotAcceptable", $"only the following media types are accepted: {string.Join(", ", accepted)}");

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiException Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}",
            new StatusDetails(null, null, null, [new StatusCause("", "", message)]));

    /// <summary>A subresource or verb that this emulator does not implement (yet): fails loudly instead of faking success.</summary>
    public static ApiException NotImplemented(string what) =>
        new(501, "NotImplemented", $"{what} is not implemented by the local Kubernetes API server");

    private static string QualifiedKind(string group, string kind) => group.Length == 0 ? kind : $"{kind}.{group}";
}
