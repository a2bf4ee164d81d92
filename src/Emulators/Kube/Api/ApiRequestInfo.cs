namespace OrleansEci.Emulators.Kube.Api;

/// <summary>
/// What a request path and method ask for, parsed as kube-apiserver's RequestInfoFactory does
/// (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): verb, group, version, namespace, resource, name, subresource.
/// </summary>
public sealed record ApiRequestInfo
{
    public bool IsResourceRequest { get; init; }

    /// <summary>get, list, watch, create, update, patch, delete, deletecollection (or the lower-case HTTP method otherwise).</summary>
    public string Verb { get; init; } = "";

    /// <summary>"api" or "apis".</summary>
    public string Prefix { get; init; } = "";

    public string Group { get; init; } = "";

    public string Version { get; init; } = "";

    public string? Namespace { get; init; }

    public string Resource { get; init; } = "";

    public string? Name { get; init; }

    public string? Subresource { get; init; }

    /// <summary>Path segments after the subresource (e.g. a proxy path).</summary>
    public IReadOnlyList<string> Rest { get; init; } = [];
}
