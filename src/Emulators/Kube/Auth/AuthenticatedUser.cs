namespace OrleansEci.Emulators.Kube.Auth;

/// <summary>Who made a request (user.Info): name, uid and groups, as TokenReview and SubjectAccessReview report them.</summary>
public sealed record AuthenticatedUser(string Name, string Uid, IReadOnlyList<string> Groups);
