using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Auth;

/// <summary>
/// <c>POST tokenreviews</c> (authentication.k8s.io/v1), as pkg/registry/authentication/tokenreview/storage.go: the
/// audiences asked for (default the API audiences); service-account tokens are checked against them; other tokens (the
/// kubeconfig's admin token) are audience-agnostic and valid only when the audiences include the API audience.
/// </summary>
public sealed class TokenReviewHandler : IResourceHandler
{
    private readonly IServiceProvider _services;

    /// <summary>The authenticators are resolved per request: they need the resource registry, which is built from this handler's source.</summary>
    public TokenReviewHandler(IServiceProvider services)
    {
        _services = services;
    }

    public async Task HandleAsync(ApiContext context)
    {
        if (context.Request.Verb != "create")
        {
            throw ApiErrors.MethodNotSupported(context.Type.GroupResource, context.Request.Verb);
        }

        var review = await context.ReadObjectAsync().ConfigureAwait(false);
        var spec = review["spec"] as JsonObject ?? [];
        var token = KubeJson.GetString(spec, "token") ?? "";
        if (token.Length == 0)
        {
            throw ApiErrors.BadRequest("token is required for TokenReview in authentication");
        }

        var requested = (spec["audiences"] as JsonArray ?? []).Select(a => a?.GetValue<string>() ?? "").Where(a => a.Length > 0).ToList();
        var audiences = requested.Count > 0 ? requested : [.. ServiceAccountTokenAuthenticator.ApiAudiences];
        var result = _services.GetRequiredService<ServiceAccountTokenAuthenticator>().Authenticate(token, audiences);
        if (result.User is null && result.Error is null)
        {
            result = await AudienceAgnosticAsync(token, audiences, context.Aborted).ConfigureAwait(false);
        }

        var status = new JsonObject { ["authenticated"] = result.User is not null };
        if (result.User is { } user)
        {
            status["user"] = UserInfo(user);
            status["audiences"] = new JsonArray([.. result.Audiences.Select(a => (JsonNode)a)]);
        }

        if (result.Error is { } error)
        {
            status["error"] = error;
        }

        await context.WriteJsonAsync(201, new JsonObject
        {
            ["kind"] = "TokenReview",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = spec.DeepClone(),
            ["status"] = status,
        }).ConfigureAwait(false);
    }

    public static JsonObject UserInfo(AuthenticatedUser user)
    {
        var info = new JsonObject { ["username"] = user.Name };
        if (user.Uid.Length > 0)
        {
            info["uid"] = user.Uid;
        }

        info["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)g)]);
        if (user.Extra.Count > 0)
        {
            info["extra"] = new JsonObject(user.Extra.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)new JsonArray([.. e.Value.Select(v => (JsonNode)v)]))));
        }

        return info;
    }

    private async Task<TokenAuthentication> AudienceAgnosticAsync(string token, IReadOnlyList<string> audiences, CancellationToken cancellationToken)
    {
        var valid = audiences.Intersect(ServiceAccountTokenAuthenticator.ApiAudiences, StringComparer.Ordinal).ToList();
        if (valid.Count == 0)
        {
            return TokenAuthentication.NotRecognized;
        }

        foreach (var authenticator in _services.GetServices<ITokenAuthenticator>().Where(a => a is not ServiceAccountTokenAuthenticator))
        {
            if (await authenticator.AuthenticateAsync(token, cancellationToken).ConfigureAwait(false) is { } user)
            {
                return new TokenAuthentication(user, valid, null);
            }
        }

        return TokenAuthentication.NotRecognized;
    }
}
