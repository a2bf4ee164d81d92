using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary>An app container, <c>Container.N.*</c> (≤ 20 per group; eci-openapi.md §3.1).</summary>
public sealed record ContainerDefinition : ContainerSpec
{
    /// <summary>Keep stdin open.</summary>
    public bool? Stdin { get; init; }

    /// <summary>Close stdin after the first attach.</summary>
    public bool? StdinOnce { get; init; }

    /// <summary>Allocate a TTY.</summary>
    public bool? Tty { get; init; }

    /// <summary>Hide the environment variables in the console.</summary>
    public bool? EnvironmentVarHide { get; init; }

    /// <summary><c>LivenessProbe.*</c>.</summary>
    public Probe? LivenessProbe { get; init; }

    /// <summary><c>ReadinessProbe.*</c>.</summary>
    public Probe? ReadinessProbe { get; init; }

    /// <summary><c>SecurityContextPrivileged</c>: privileged mode (whitelisted accounts only).</summary>
    public bool? SecurityContextPrivileged { get; init; }

    /// <summary><c>SecurityContextRunAsGroup</c>.</summary>
    public long? SecurityContextRunAsGroup { get; init; }

    /// <summary><c>SecurityContextRunAsNonRoot</c>.</summary>
    public bool? SecurityContextRunAsNonRoot { get; init; }

    /// <summary>The post-start hook, sent flat as <c>LifecyclePostStartHandler*</c>.</summary>
    [WireName("LifecyclePostStartHandler", Concatenate = true)]
    public LifecycleHandler? PostStart { get; init; }

    /// <summary>The pre-stop hook, sent flat as <c>LifecyclePreStopHandler*</c>.</summary>
    [WireName("LifecyclePreStopHandler", Concatenate = true)]
    public LifecycleHandler? PreStop { get; init; }
}
