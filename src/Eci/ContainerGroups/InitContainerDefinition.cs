namespace OrleansEci.Eci.ContainerGroups;

/// <summary>An init container, <c>InitContainer.N.*</c>: the shared fields only (no probes, hooks or TTY).</summary>
public sealed record InitContainerDefinition : ContainerSpec;
