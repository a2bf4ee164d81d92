namespace OrleansEci.Profiles;

/// <summary>
/// The selectors in force when the profile has no <c>selectors</c> (eci-on-kubernetes.md §4): pod label
/// <c>alibabacloud.com/eci=true</c>, pod label <c>eci=true</c>, namespace label <c>alibabacloud.com/eci=true</c>,
/// namespace label <c>eci=true</c>, and namespace label <c>virtual-node-affinity-injection=enabled</c>, the last with
/// effect annotation <c>k8s.aliyun.com/eci-image-cache: "true"</c> and label <c>created-by-eci: "true"</c>.
/// </summary>
public static class DefaultSelectors
{
    public const string EciLabel = "alibabacloud.com/eci";

    public const string LegacyEciLabel = "eci";

    public const string LegacyNamespaceLabel = "virtual-node-affinity-injection";

    public const string LegacyNamespaceLabelValue = "enabled";

    /// <summary>The five default selectors, in order.</summary>
    public static IReadOnlyList<ProfileSelector> All { get; } =
    [
        new("eci-pod-label", null, Labels(EciLabel, "true"), SelectorEffect.None),
        new("eci-pod-legacy-label", null, Labels(LegacyEciLabel, "true"), SelectorEffect.None),
        new("eci-namespace-label", Labels(EciLabel, "true"), null, SelectorEffect.None),
        new("eci-namespace-legacy-label", Labels(LegacyEciLabel, "true"), null, SelectorEffect.None),
        new(
            "virtual-node-affinity-injection",
            Labels(LegacyNamespaceLabel, LegacyNamespaceLabelValue),
            null,
            new SelectorEffect(Labels("k8s.aliyun.com/eci-image-cache", "true"), Labels("created-by-eci", "true"))),
    ];

    private static Dictionary<string, string> Labels(string key, string value) => new(StringComparer.Ordinal) { [key] = value };
}
