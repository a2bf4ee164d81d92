namespace OrleansEci.Eci.ContainerGroups;

/// <summary><c>SecurityContext.Capability.Add.N</c>: Linux capabilities to add (e.g. <c>NET_ADMIN</c>).</summary>
public sealed record Capability
{
    /// <summary>The capabilities.</summary>
    public required IReadOnlyList<string> Add { get; init; }
}
