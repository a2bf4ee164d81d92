namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// ECI cannot run the pod as written (hostPath, hostNetwork, privileged, DaemonSet, too many containers or volumes,
/// a malformed annotation). Permanent until the pod changes: report once, do not retry.
/// </summary>
/// <param name="Reason">An UpperCamelCase event/status reason, e.g. <c>UnsupportedHostPath</c>, <c>InvalidAnnotation</c>.</param>
/// <param name="Message">Which field or annotation, the bad value, and what to do instead.</param>
public sealed record Unsupported(string Reason, string Message) : MappingResult;
