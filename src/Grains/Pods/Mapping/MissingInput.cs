namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// A required ConfigMap, Secret, key or token was not found; the kubelet reports this as
/// <c>CreateContainerConfigError</c> and keeps trying. Transient: fetch the dependencies again later.
/// </summary>
/// <param name="Reason">Always <see cref="CreateContainerConfigError"/> today.</param>
/// <param name="Message">What is missing, e.g. <c>configmap "app" not found</c>.</param>
public sealed record MissingInput(string Reason, string Message) : MappingResult
{
    /// <summary>The kubelet's reason for a container whose configuration cannot be built.</summary>
    public const string CreateContainerConfigError = "CreateContainerConfigError";
}
