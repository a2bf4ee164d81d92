using Microsoft.AspNetCore.Http;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.Auth;

/// <summary>
/// Requires a known bearer token on every request except the public health and version endpoints (which
/// kube-apiserver lets anonymous callers read through system:public-info-viewer); others get a 401 Status.
/// The user is put in <see cref="HttpContext.Items"/> under <see cref="UserKey"/>.
/// </summary>
public sealed class BearerTokenMiddleware
{
    public const string UserKey = "OrleansEci.Kube.User";
    private static readonly HashSet<string> PublicPaths = new(StringComparer.Ordinal) { "/healthz", "/livez", "/readyz", "/version" };
    private readonly RequestDelegate _next;
    private readonly ITokenAuthenticator[] _authenticators;

    public BearerTokenMiddleware(RequestDelegate next, IEnumerable<ITokenAuthenticator> authenticators)
    {
        _next = next;
        _authenticators = [.. authenticators];
    }

    public async Task InvokeAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            foreach (var authenticator in _authenticators)
            {
                if (await authenticator.AuthenticateAsync(token, http.RequestAborted).ConfigureAwait(false) is { } user)
                {
                    http.Items[UserKey] = user;
                    await _next(http).ConfigureAwait(false);
                    return;
                }
            }
        }

        if (PublicPaths.Contains(http.Request.Path.Value ?? ""))
        {
            await _next(http).ConfigureAwait(false);
            return;
        }

        await JsonResponses.WriteErrorAsync(http, ApiErrors.Unauthorized()).ConfigureAwait(false);
    }
}
