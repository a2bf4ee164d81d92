namespace OrleansEci.Eci.ContainerGroups;

/// <summary><c>Volume.N.EmptyDirVolume.{Medium, SizeLimit}</c>.</summary>
public sealed record EmptyDirVolume
{
    /// <summary>Empty (disk), <c>Memory</c> or <c>LocalRaid0</c>.</summary>
    public string? Medium { get; init; }

    /// <summary>A size such as <c>256Mi</c>.</summary>
    public string? SizeLimit { get; init; }
}
