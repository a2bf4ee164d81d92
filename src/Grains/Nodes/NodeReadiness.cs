namespace OrleansEci.Grains.Nodes;

/// <summary>
/// The node's <c>Ready</c> condition as the grain judges it: ready while it can reach ECI and Kubernetes, not ready
/// (with a reason <c>kubectl describe node</c> shows) when, for example, ECI rejects the AccessKey. Pressure conditions
/// do not apply to a virtual node: every pod has its own instance.
/// </summary>
/// <param name="IsReady">True for <c>Ready=True</c>.</param>
/// <param name="Reason">A CamelCase reason, e.g. <c>KubeletReady</c>.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record NodeReadiness(bool IsReady, string Reason, string Message)
{
    /// <summary>Ready, with the kubelet's own reason and message (pkg/kubelet/nodestatus <c>ReadyCondition</c>).</summary>
    public static NodeReadiness Ready { get; } = new(true, "KubeletReady", "kubelet is posting ready status");

    /// <summary>Not ready, for the given reason.</summary>
    public static NodeReadiness NotReady(string reason, string message) => new(false, reason, message);
}
