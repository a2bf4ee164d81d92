using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Auth;

/// <summary>
/// Authenticates service-account tokens minted by TokenRequest, as kube-apiserver's bound-token validator
/// (pkg/serviceaccount/claims.go Validate): signature, expiry on the injected clock, audience, the ServiceAccount still
/// existing with the same uid, and the bound Pod or Secret still existing with the same uid (a pod deleted more than
/// 60 s ago invalidates it). The user is <c>system:serviceaccount:{ns}:{name}</c> in <c>system:serviceaccounts</c>,
/// <c>system:serviceaccounts:{ns}</c> and <c>system:authenticated</c>, with the pod and credential id as extras.
/// </summary>
public sealed class ServiceAccountTokenAuthenticator : ITokenAuthenticator
{
    /// <summary>kube-apiserver's <c>--api-audiences</c> default: the issuer.</summary>
    public static readonly IReadOnlyList<string> ApiAudiences = [ServiceAccountTokenIssuer.Issuer];

    private readonly ServiceAccountTokenIssuer _issuer;
    private readonly ObjectStore _store;
    private readonly ResourceRegistry _registry;
    private readonly TimeProvider _time;

    public ServiceAccountTokenAuthenticator(ServiceAccountTokenIssuer issuer, ObjectStore store, ResourceRegistry registry, TimeProvider time)
    {
        _issuer = issuer;
        _store = store;
        _registry = registry;
        _time = time;
    }

    public ValueTask<AuthenticatedUser?> AuthenticateAsync(string token, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Authenticate(token, ApiAudiences).User);

    public TokenAuthentication Authenticate(string token, IReadOnlyList<string> audiences)
    {
        if (_issuer.Verify(token) is not { } claims)
        {
            return TokenAuthentication.NotRecognized;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if ((KubeJson.GetInt64(claims["exp"]) ?? 0) < now)
        {
            return TokenAuthentication.Invalid("service account token has expired");
        }

        if ((KubeJson.GetInt64(claims["nbf"]) ?? 0) > now + 60)
        {
            return TokenAuthentication.Invalid("service account token is not valid yet");
        }

        var tokenAudiences = (claims["aud"] as JsonArray ?? []).Select(a => a?.GetValue<string>() ?? "").ToList();
        var matched = tokenAudiences.Intersect(audiences, StringComparer.Ordinal).ToList();
        if (matched.Count == 0)
        {
            return TokenAuthentication.Invalid($"token audiences [{string.Join(" ", tokenAudiences)}] is invalid for the target audiences [{string.Join(" ", audiences)}]");
        }

        var kubernetes = claims["kubernetes.io"] as JsonObject ?? [];
        var ns = KubeJson.GetString(kubernetes, "namespace") ?? "";
        var account = KubeJson.GetString(kubernetes, "serviceaccount", "name") ?? "";
        var accountUid = KubeJson.GetString(kubernetes, "serviceaccount", "uid") ?? "";
        var stored = _store.Get(_registry.Get("", "serviceaccounts"), ns, account);
        if (stored is null || stored.Uid != accountUid)
        {
            return TokenAuthentication.Invalid(stored is null
                ? $"service account {ns}/{account} has been deleted"
                : $"service account UID ({stored.Uid}) does not match claim ({accountUid})");
        }

        if (BoundObjectProblem(kubernetes, ns, now) is { } problem)
        {
            return TokenAuthentication.Invalid(problem);
        }

        return new TokenAuthentication(User(kubernetes, ns, account, accountUid, KubeJson.GetString(claims, "jti")), matched, null);
    }

    private string? BoundObjectProblem(JsonObject kubernetes, string ns, long now)
    {
        foreach (var (claim, plural) in new[] { ("pod", "pods"), ("secret", "secrets") })
        {
            if (kubernetes[claim] is not JsonObject bound)
            {
                continue;
            }

            var name = KubeJson.GetString(bound, "name") ?? "";
            var stored = _store.Get(_registry.Get("", plural), ns, name);
            if (stored is null || stored.Uid != KubeJson.GetString(bound, "uid"))
            {
                return $"{plural} \"{name}\" not found or recreated: the token bound to it is invalid";
            }

            var deleted = Objects.Meta.ParseTime(KubeJson.GetString(stored.ToJson(), "metadata", "deletionTimestamp"));
            if (deleted is { } at && at.ToUnixTimeSeconds() < now - 60)
            {
                return $"{claim} {ns}/{name} is being deleted: the token bound to it is invalid";
            }
        }

        return null;
    }

    private static AuthenticatedUser User(JsonObject kubernetes, string ns, string account, string uid, string? jti)
    {
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (jti is not null)
        {
            extra["authentication.kubernetes.io/credential-id"] = [$"JTI={jti}"];
        }

        if (kubernetes["pod"] is JsonObject pod)
        {
            extra["authentication.kubernetes.io/pod-name"] = [KubeJson.GetString(pod, "name") ?? ""];
            extra["authentication.kubernetes.io/pod-uid"] = [KubeJson.GetString(pod, "uid") ?? ""];
        }

        return new AuthenticatedUser($"system:serviceaccount:{ns}:{account}", uid,
            ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"]) { Extra = extra };
    }
}
