namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>One container (or init container) as sent in <c>Container.N.*</c> / <c>InitContainer.N.*</c>.</summary>
internal sealed record ContainerSpec
{
    public required string Name { get; init; }
    public required string Image { get; init; }
    public string ImagePullPolicy { get; init; } = "IfNotPresent";
    public double Cpu { get; init; }
    public double Memory { get; init; }
    public int Gpu { get; init; }
    public string? WorkingDir { get; init; }
    public IReadOnlyList<string> Commands { get; init; } = [];
    public IReadOnlyList<string> Args { get; init; } = [];
    public IReadOnlyList<EnvVarSpec> Env { get; init; } = [];
    public IReadOnlyList<PortSpec> Ports { get; init; } = [];
    public IReadOnlyList<VolumeMountSpec> VolumeMounts { get; init; } = [];
    public bool Stdin { get; init; }
    public bool StdinOnce { get; init; }
    public bool Tty { get; init; }
    public ProbeSpec? LivenessProbe { get; init; }
    public ProbeSpec? ReadinessProbe { get; init; }
    public IReadOnlyList<string> CapabilityAdds { get; init; } = [];
    public bool? ReadOnlyRootFilesystem { get; init; }
    public long? RunAsUser { get; init; }
    public bool HasPreStop { get; init; }
}

internal sealed record EnvVarSpec(string Key, string? Value, string? FieldPath);

internal sealed record PortSpec(int Port, string Protocol);

internal sealed record VolumeMountSpec(string Name, string MountPath, string? SubPath, bool ReadOnly, string? MountPropagation);

internal sealed record ProbeSpec(
    IReadOnlyList<string> Execs,
    string? HttpGetPath,
    int? HttpGetPort,
    string? HttpGetScheme,
    int? TcpSocketPort,
    int InitialDelaySeconds,
    int PeriodSeconds,
    int TimeoutSeconds,
    int SuccessThreshold,
    int FailureThreshold);
