using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary>
/// What app containers (<c>Container.N.*</c>) and init containers (<c>InitContainer.N.*</c>) share
/// in CreateContainerGroup and UpdateContainerGroup (eci-openapi.md §3.1).
/// </summary>
public abstract record ContainerSpec
{
    /// <summary>The container's name. Required.</summary>
    public required string Name { get; init; }

    /// <summary>The image. Required.</summary>
    public required string Image { get; init; }

    /// <summary>vCPUs.</summary>
    public double? Cpu { get; init; }

    /// <summary>Memory in GiB.</summary>
    public double? Memory { get; init; }

    /// <summary>GPUs.</summary>
    public int? Gpu { get; init; }

    /// <summary>The working directory.</summary>
    public string? WorkingDir { get; init; }

    /// <summary><c>Always</c>, <c>IfNotPresent</c> or <c>Never</c>.</summary>
    public string? ImagePullPolicy { get; init; }

    /// <summary><c>Command.N</c>: the entrypoint.</summary>
    [WireName("Command")]
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary><c>Arg.N</c>: its arguments (≤ 10).</summary>
    [WireName("Arg")]
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary><c>EnvironmentVar.N.*</c>.</summary>
    [WireName("EnvironmentVar")]
    public IReadOnlyList<EnvironmentVariable>? EnvironmentVars { get; init; }

    /// <summary><c>Port.N.*</c>.</summary>
    [WireName("Port")]
    public IReadOnlyList<ContainerPort>? Ports { get; init; }

    /// <summary><c>VolumeMount.N.*</c>.</summary>
    [WireName("VolumeMount")]
    public IReadOnlyList<VolumeMount>? VolumeMounts { get; init; }

    /// <summary><c>SecurityContext.*</c>.</summary>
    public ContainerSecurityContext? SecurityContext { get; init; }

    /// <summary>Where the container writes its termination message.</summary>
    public string? TerminationMessagePath { get; init; }

    /// <summary><c>File</c> or <c>FallbackToLogsOnError</c>.</summary>
    public string? TerminationMessagePolicy { get; init; }
}
