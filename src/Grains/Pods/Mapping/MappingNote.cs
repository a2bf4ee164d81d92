namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>Something the pod asks for that the container group does not get; becomes a Warning event on the pod.</summary>
/// <param name="Reason">An UpperCamelCase reason, e.g. <c>NotApplied</c>.</param>
/// <param name="Message">Which field or annotation, and why it is not applied.</param>
public sealed record MappingNote(string Reason, string Message)
{
    /// <summary>The reason of a field ECI has no parameter for.</summary>
    public const string NotApplied = "NotApplied";
}
