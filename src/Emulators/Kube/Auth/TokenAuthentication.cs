namespace OrleansEci.Emulators.Kube.Auth;

/// <summary>The outcome of checking a token for some audiences: the user and the audiences it is valid for, or why not.</summary>
public sealed record TokenAuthentication(AuthenticatedUser? User, IReadOnlyList<string> Audiences, string? Error)
{
    public static readonly TokenAuthentication NotRecognized = new(null, [], null);

    public static TokenAuthentication Invalid(string error) => new(null, [], error);
}
