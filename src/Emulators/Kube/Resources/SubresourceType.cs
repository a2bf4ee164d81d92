namespace OrleansEci.Emulators.Kube.Resources;

/// <summary>
/// A subresource such as <c>pods/status</c>, <c>pods/binding</c> or <c>deployments/scale</c>: what discovery advertises,
/// and the handler that serves it. Streaming subresources (log, exec, attach, portforward) plug in the same way.
/// </summary>
/// <param name="Name">The path segment after the object's name, e.g. <c>status</c>.</param>
/// <param name="Kind">The kind of the request/response body (e.g. <c>Scale</c>, <c>Binding</c>).</param>
/// <param name="Verbs">The verbs discovery advertises, e.g. <c>get</c>, <c>patch</c>, <c>update</c>.</param>
/// <param name="Handler">Serves the requests.</param>
public sealed record SubresourceType(string Name, string Kind, IReadOnlyList<string> Verbs, ISubresourceHandler Handler)
{
    /// <summary>Group of <see cref="Kind"/> when it differs from the parent's (deployments/scale answers autoscaling/v1 Scale).</summary>
    public string? Group { get; init; }

    /// <summary>Version of <see cref="Kind"/> when it differs from the parent's.</summary>
    public string? Version { get; init; }
}
