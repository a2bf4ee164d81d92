namespace OrleansEci.Emulators.Kube.Auth;

/// <summary>
/// The local API server's authorization, a documented stand-in for RBAC (no Roles or bindings are served): group
/// <c>system:masters</c> (the admin token) may do everything; every other authenticated user — service accounts,
/// nodes, any named user — may also do everything, as in the sandbox; unauthenticated callers
/// (<c>system:anonymous</c>) may only read the public-info paths (<c>/healthz</c>, <c>/livez</c>, <c>/readyz</c>,
/// <c>/version</c>). A server started without a token authenticates nobody and so allows every request. This is what
/// the server enforces, and what SubjectAccessReview answers.
/// </summary>
public sealed class AccessPolicy
{
    private static readonly HashSet<string> PublicPaths = new(StringComparer.Ordinal) { "/healthz", "/livez", "/readyz", "/version", "/version/" };

    public AccessPolicy(bool authenticationEnabled)
    {
        AuthenticationEnabled = authenticationEnabled;
    }

    public bool AuthenticationEnabled { get; }

    /// <summary>Whether <paramref name="user"/> in <paramref name="groups"/> may do it, and why.</summary>
    public (bool Allowed, string Reason) Decide(string user, IReadOnlyList<string> groups, string? nonResourcePath, string verb)
    {
        if (!AuthenticationEnabled)
        {
            return (true, "the local API server runs without authentication and allows every request");
        }

        if (groups.Contains("system:masters"))
        {
            return (true, "allowed by the local API server's policy: group \"system:masters\" may do everything");
        }

        var anonymous = user is "system:anonymous" or "" && !groups.Contains("system:authenticated");
        if (!anonymous)
        {
            return (true, "allowed by the local API server's policy: every authenticated user may do everything (no RBAC)");
        }

        return nonResourcePath is not null && verb == "get" && PublicPaths.Contains(nonResourcePath)
            ? (true, "allowed by the local API server's policy: public-info paths are readable by everyone")
            : (false, "");
    }
}
