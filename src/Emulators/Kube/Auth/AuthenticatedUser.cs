namespace OrleansEci.Emulators.Kube.Auth;

/// <summary>Who made a request (user.Info): name, uid and groups, as TokenReview and SubjectAccessReview report them.</summary>
public sealed record AuthenticatedUser(string Name, string Uid, IReadOnlyList<string> Groups)
{
    /// <summary>Extra attributes (user.Info GetExtra), e.g. <c>authentication.kubernetes.io/pod-name</c> for service-account tokens.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
