namespace OrleansEci.Eci.ContainerGroups;

/// <summary>
/// A container as ECI returns it. App containers list their command as <c>Commands</c>,
/// init containers as <c>Command</c> (eci-openapi.md §3.2); <see cref="EffectiveCommand"/> reads either.
/// </summary>
public sealed record ContainerInfo
{
    /// <summary>The name.</summary>
    public string? Name { get; init; }

    /// <summary>The image.</summary>
    public string? Image { get; init; }

    /// <summary>The pull policy.</summary>
    public string? ImagePullPolicy { get; init; }

    /// <summary>vCPUs.</summary>
    public double? Cpu { get; init; }

    /// <summary>Memory in GiB.</summary>
    public double? Memory { get; init; }

    /// <summary>GPUs.</summary>
    public int? Gpu { get; init; }

    /// <summary>The working directory.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>The command (app containers).</summary>
    public IReadOnlyList<string> Commands { get; init; } = [];

    /// <summary>The command (init containers).</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>The arguments.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Whether it is ready.</summary>
    public bool? Ready { get; init; }

    /// <summary>Restarts so far.</summary>
    public int? RestartCount { get; init; }

    /// <summary>Stdin kept open.</summary>
    public bool? Stdin { get; init; }

    /// <summary>Stdin closed after first attach.</summary>
    public bool? StdinOnce { get; init; }

    /// <summary>TTY allocated.</summary>
    public bool? Tty { get; init; }

    /// <summary>The current state.</summary>
    public ContainerStateInfo? CurrentState { get; init; }

    /// <summary>The state before the last restart.</summary>
    public ContainerStateInfo? PreviousState { get; init; }

    /// <summary>Environment variables.</summary>
    public IReadOnlyList<EnvironmentVariableInfo> EnvironmentVars { get; init; } = [];

    /// <summary>Ports.</summary>
    public IReadOnlyList<ContainerPort> Ports { get; init; } = [];

    /// <summary>Volume mounts.</summary>
    public IReadOnlyList<VolumeMount> VolumeMounts { get; init; } = [];

    /// <summary>The liveness probe.</summary>
    public ProbeInfo? LivenessProbe { get; init; }

    /// <summary>The readiness probe.</summary>
    public ProbeInfo? ReadinessProbe { get; init; }

    /// <summary>The security context.</summary>
    public ContainerSecurityContextInfo? SecurityContext { get; init; }

    /// <summary><see cref="Commands"/> or, for init containers, <see cref="Command"/>.</summary>
    public IReadOnlyList<string> EffectiveCommand => Commands.Count > 0 ? Commands : Command;
}
