namespace OrleansEci.Grains.Profiles;

/// <summary>What one observed version of the eci-profile ConfigMap did to the profile in force.</summary>
internal enum ProfileChangeKind
{
    /// <summary>Nothing: the version was seen before, or its data equals the profile in force.</summary>
    Unchanged,

    /// <summary>A valid version replaced the profile in force.</summary>
    Applied,

    /// <summary>A broken version was refused; the last good profile stays in force.</summary>
    Refused,
}
