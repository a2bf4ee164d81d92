namespace OrleansEci.Grains.Profiles;

/// <summary>How each silo follows the cluster's eci-profile (section <c>Profile</c>).</summary>
public sealed class ProfileOptions
{
    public const string SectionName = "Profile";

    /// <summary>
    /// How often each silo asks the <see cref="IProfileGrain"/> whether the profile changed (an answer without data when
    /// not). A profile edit reaches the webhook and new pods within about this long. Default 2 s.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws with what to fix when a value is out of range.</summary>
    public void Validate()
    {
        if (RefreshInterval <= TimeSpan.Zero || RefreshInterval > TimeSpan.FromMinutes(5))
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(RefreshInterval)} is {RefreshInterval}; set it between 00:00:00.1 and 00:05:00 (default 00:00:02).");
        }
    }
}
