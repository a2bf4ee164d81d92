namespace OrleansEci.Profiles;

/// <summary>
/// The outcome of reading an eci-profile: a <see cref="Profile"/> when nothing is wrong, otherwise every
/// <see cref="Errors"/> entry (the caller keeps its last good profile). <see cref="Warnings"/> are kept either way:
/// keys this project does not know, which have no effect.
/// </summary>
public sealed record ProfileParseResult(EciProfile? Profile, IReadOnlyList<ProfileProblem> Errors, IReadOnlyList<ProfileProblem> Warnings)
{
    /// <summary>True when the profile is valid and <see cref="Profile"/> is set.</summary>
    public bool IsValid => Profile is not null;

    /// <summary>The errors as one line each, for an event message or a log line.</summary>
    public string Describe() => string.Join("; ", Errors.Select(e => e.ToString()));
}
