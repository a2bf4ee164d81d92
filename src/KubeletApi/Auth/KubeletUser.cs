namespace OrleansEci.KubeletApi.Auth;

/// <summary>Who called (user.Info): from a client certificate (CN, O) or a TokenReview.</summary>
public sealed record KubeletUser(string Name, string? Uid, IReadOnlyList<string> Groups)
{
    /// <summary>Extra attributes from TokenReview, passed on to SubjectAccessReview.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
