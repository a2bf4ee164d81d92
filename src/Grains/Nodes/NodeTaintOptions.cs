namespace OrleansEci.Grains.Nodes;

/// <summary>
/// A virtual node's taint, as <c>VKUBELET_TAINT_KEY/VALUE/EFFECT</c> give it. Pods reach the node only when they
/// tolerate it (eci-on-kubernetes.md §3 route 4), so ordinary workloads and DaemonSets stay off.
/// </summary>
public sealed class NodeTaintOptions
{
    /// <summary>The taint key, a qualified name. Default: <c>virtual-kubelet.io/provider</c>.</summary>
    public string Key { get; set; } = VirtualKubeletOptions.DefaultTaintKey;

    /// <summary>The taint value, a label value (may be empty). Default: <c>alibabacloud</c>.</summary>
    public string Value { get; set; } = VirtualKubeletOptions.DefaultTaintValue;

    /// <summary>One of <c>NoSchedule</c>, <c>PreferNoSchedule</c>, <c>NoExecute</c>. Default: <c>NoSchedule</c>.</summary>
    public string Effect { get; set; } = VirtualKubeletOptions.DefaultTaintEffect;

    /// <summary>A copy, so per-node overrides never alias the shared default.</summary>
    public NodeTaintOptions Clone() => new() { Key = Key, Value = Value, Effect = Effect };
}
