namespace OrleansEci.Profiles;

/// <summary>
/// The data keys of the <c>kube-system/eci-profile</c> ConfigMap (eci-on-kubernetes.md §4, and the keys Alibaba's
/// current page shows in a default profile: https://www.alibabacloud.com/help/en/ack/serverless-kubernetes/user-guide/configure-eci-profile).
/// </summary>
public static class EciProfileKeys
{
    /// <summary>The ConfigMap's name.</summary>
    public const string ConfigMapName = "eci-profile";

    /// <summary>The ConfigMap's namespace.</summary>
    public const string ConfigMapNamespace = "kube-system";

    public const string VpcId = "vpcId";

    public const string SecurityGroupId = "securityGroupId";

    /// <summary>Comma-separated vSwitch ids; several mean several zones.</summary>
    public const string VSwitchIds = "vSwitchIds";

    public const string EnableClusterIp = "enableClusterIp";

    public const string EnableHybridMode = "enableHybridMode";

    public const string EnablePrivateZone = "enablePrivateZone";

    public const string ResourceGroupId = "resourceGroupId";

    /// <summary>A JSON array of selectors; absent or empty means <see cref="DefaultSelectors"/>.</summary>
    public const string Selectors = "selectors";

    /// <summary>
    /// Keys Alibaba's default profile carries for features this project does not implement; they are accepted without
    /// a warning and have no effect here.
    /// </summary>
    public static IReadOnlySet<string> RecognisedButUnused { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "enableLinuxArm64Node", "enableLogController", "enablePVCController", "enableReuseSSLKey", "featureGates", "slsMachineGroup",
    };
}
