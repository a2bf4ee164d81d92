namespace OrleansEci.Profiles;

/// <summary>
/// A parsed, valid eci-profile. Network settings that are null were not set in the profile (the environment's
/// <c>ECI_VPC</c>, <c>ECI_VSWITCH</c> … apply); switches that are null were not set either.
/// </summary>
/// <param name="VSwitchIds">In the profile's order (the order <c>VSwitchOrdered</c> tries them); empty when not set.</param>
/// <param name="Selectors">In the profile's order (earlier selectors win); <see cref="DefaultSelectors.All"/> when the key is absent or empty.</param>
/// <param name="SelectorsAreDefault">True when <paramref name="Selectors"/> are the defaults because the profile gave none.</param>
public sealed record EciProfile(
    string? VpcId,
    string? SecurityGroupId,
    IReadOnlyList<string> VSwitchIds,
    bool? EnableClusterIp,
    bool? EnableHybridMode,
    bool? EnablePrivateZone,
    string? ResourceGroupId,
    IReadOnlyList<ProfileSelector> Selectors,
    bool SelectorsAreDefault)
{
    /// <summary>The profile in force before any ConfigMap is read, or when there is none: nothing set, default selectors.</summary>
    public static EciProfile Default { get; } = new(null, null, [], null, null, null, null, DefaultSelectors.All, SelectorsAreDefault: true);
}
