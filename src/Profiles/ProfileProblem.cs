namespace OrleansEci.Profiles;

/// <summary>One thing wrong with an eci-profile, tied to the ConfigMap key it is in.</summary>
/// <param name="Key">The data key, e.g. <c>vSwitchIds</c> or <c>selectors</c>.</param>
/// <param name="Message">What is wrong and what was expected, e.g. <c>selectors[1] ("gpu"): name is used twice</c>.</param>
public sealed record ProfileProblem(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}
