namespace OrleansEci.Emulators.Kube.Kubelets;

/// <summary>The container an exec or attach reached on a <see cref="LocalKubelet"/>.</summary>
/// <param name="Attach">True for <c>/attach</c> (no command), false for <c>/exec</c>.</param>
public sealed record KubeletExecTarget(string Namespace, string Pod, string Container, bool Attach);
