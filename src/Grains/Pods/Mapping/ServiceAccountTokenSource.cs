namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// A token a projected volume asks for: the pod's service account, the audience (null means the API server's own) and
/// the requested lifetime. The caller obtains it with a TokenRequest (<c>serviceaccounts/{name}/token</c>) bound to
/// the pod, and hands it back in <see cref="PodInputs.Tokens"/> under this same value.
/// </summary>
public sealed record ServiceAccountTokenSource(string ServiceAccountName, string? Audience, long ExpirationSeconds);
