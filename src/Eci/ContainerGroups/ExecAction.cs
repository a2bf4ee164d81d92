using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A probe's <c>Exec.Command.N</c>.</summary>
public sealed record ExecAction
{
    /// <summary>The command and its arguments.</summary>
    [WireName("Command")]
    public required IReadOnlyList<string> Commands { get; init; }
}
