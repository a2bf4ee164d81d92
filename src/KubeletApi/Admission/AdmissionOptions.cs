using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Admission;

/// <summary>
/// How the webhook steers pods to the virtual nodes. The defaults are the virtual nodes' defaults
/// (src/Grains/Nodes/NodeManifest.cs, VirtualKubeletOptions.cs); the silo sets them from the same configuration.
/// </summary>
public sealed class AdmissionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Admission";

    /// <summary>The pod annotation of the burst route (eci-on-kubernetes.md §3 route 3).</summary>
    public const string BurstResourceAnnotation = "alibabacloud.com/burst-resource";

    /// <summary><see cref="BurstResourceAnnotation"/> value: use ECI when the regular nodes lack resources.</summary>
    public const string BurstToEci = "eci";

    /// <summary><see cref="BurstResourceAnnotation"/> value: only ECI.</summary>
    public const string BurstEciOnly = "eci_only";

    /// <summary>The node label that marks virtual nodes. Default: <c>type</c>.</summary>
    public string VirtualNodeLabelKey { get; set; } = "type";

    /// <summary>The value of <see cref="VirtualNodeLabelKey"/> on virtual nodes. Default: <c>virtual-kubelet</c>.</summary>
    public string VirtualNodeLabelValue { get; set; } = "virtual-kubelet";

    /// <summary>The virtual nodes' taint key, tolerated with operator Exists. Default: <c>virtual-kubelet.io/provider</c>.</summary>
    public string TaintKey { get; set; } = "virtual-kubelet.io/provider";

    /// <summary>The virtual nodes' taint value; a toleration with operator Equal must carry it. Default: <c>alibabacloud</c>.</summary>
    public string TaintValue { get; set; } = "alibabacloud";

    /// <summary>The virtual nodes' taint effect. Default: <c>NoSchedule</c>.</summary>
    public string TaintEffect { get; set; } = "NoSchedule";

    /// <summary>
    /// A <c>spec.nodeName</c> starting with this names a virtual node (route 4, <c>nodeName: virtual-kubelet…</c>).
    /// Default: <c>virtual-kubelet</c>.
    /// </summary>
    public string VirtualNodeNamePrefix { get; set; } = "virtual-kubelet";

    /// <summary>The weight of the preferred affinity to regular nodes that the burst route <c>eci</c> adds (1–100). Default: 100.</summary>
    public int BurstPreferenceWeight { get; set; } = 100;

    /// <summary>What is wrong with these options, each with how to fix it; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        List<string> problems = [];
        Check(problems, nameof(VirtualNodeLabelKey), VirtualNodeLabelKey, LabelSyntax.KeyProblem(VirtualNodeLabelKey));
        Check(problems, nameof(VirtualNodeLabelValue), VirtualNodeLabelValue, LabelSyntax.ValueProblem(VirtualNodeLabelValue));
        Check(problems, nameof(TaintKey), TaintKey, LabelSyntax.KeyProblem(TaintKey));
        Check(problems, nameof(TaintValue), TaintValue, LabelSyntax.ValueProblem(TaintValue));
        if (TaintEffect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
        {
            problems.Add($"{SectionName}:{nameof(TaintEffect)} is \"{TaintEffect}\"; set NoSchedule, PreferNoSchedule or NoExecute, as on the virtual nodes.");
        }

        if (BurstPreferenceWeight is < 1 or > 100)
        {
            problems.Add($"{SectionName}:{nameof(BurstPreferenceWeight)} is {BurstPreferenceWeight}; set a weight from 1 to 100.");
        }

        return problems;
    }

    private static void Check(List<string> problems, string name, string value, string? problem)
    {
        if (problem is not null)
        {
            problems.Add($"{SectionName}:{name} is \"{value}\": {problem}. Use the virtual nodes' own value.");
        }
    }
}
