using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Auth;

/// <summary>
/// <c>POST serviceaccounts/{name}/token</c> (authentication.k8s.io/v1 TokenRequest), as pkg/registry/core/serviceaccount/storage/token.go:
/// audiences (default: the API audiences), expirationSeconds (default 3600, at least 600, at most 2^32), and an optional
/// boundObjectRef to a Pod (running as this ServiceAccount) or Secret whose uid, if given, must match.
/// </summary>
public sealed class TokenRequestSubresource : ISubresourceHandler
{
    private readonly ServiceAccountTokenIssuer _issuer;
    private readonly TimeProvider _time;

    public TokenRequestSubresource(ServiceAccountTokenIssuer issuer, TimeProvider time)
    {
        _issuer = issuer;
        _time = time;
    }

    public SubresourceType Type => new("token", "TokenRequest", ["create"], this) { Group = "authentication.k8s.io", Version = "v1" };

    public async Task HandleAsync(ApiContext context)
    {
        if (context.Request.Verb != "create")
        {
            throw ApiErrors.MethodNotAllowed();
        }

        var body = await context.ReadObjectAsync().ConfigureAwait(false);
        var ns = context.Request.Namespace ?? "";
        var name = context.Request.Name!;
        var account = context.Service.Get(context.Type, ns, name);
        var spec = body["spec"] as JsonObject ?? [];
        var audiences = (spec["audiences"] as JsonArray ?? []).Select(a => a?.GetValue<string>() ?? "").Where(a => a.Length > 0).ToList();
        audiences = audiences.Count > 0 ? audiences : [.. ServiceAccountTokenAuthenticator.ApiAudiences];
        var expiration = KubeJson.GetInt64(spec["expirationSeconds"]) ?? 3600;
        if (expiration < 600 || expiration > (1L << 32))
        {
            throw ApiErrors.Invalid("authentication.k8s.io", "TokenRequest", name, [StatusCause.Invalid("spec.expirationSeconds", expiration,
                expiration < 600 ? "may not specify a duration less than 10 minutes" : "may not specify a duration larger than 2^32 seconds")]);
        }

        var now = _time.GetUtcNow();
        var kubernetes = new JsonObject
        {
            ["namespace"] = ns,
            ["serviceaccount"] = new JsonObject { ["name"] = name, ["uid"] = account.Uid },
        };
        if (spec["boundObjectRef"] is JsonObject reference)
        {
            Bind(context, reference, ns, name, kubernetes);
        }

        var claims = new JsonObject
        {
            ["aud"] = new JsonArray([.. audiences.Select(a => (JsonNode)a)]),
            ["exp"] = now.AddSeconds(expiration).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = kubernetes,
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = $"system:serviceaccount:{ns}:{name}",
        };
        spec["audiences"] = new JsonArray([.. audiences.Select(a => (JsonNode)a)]);
        spec["expirationSeconds"] = expiration;
        await context.WriteJsonAsync(201, new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["creationTimestamp"] = Meta.FormatTime(now) },
            ["spec"] = spec.DeepClone(),
            ["status"] = new JsonObject { ["token"] = _issuer.Sign(claims), ["expirationTimestamp"] = Meta.FormatTime(now.AddSeconds(expiration)) },
        }).ConfigureAwait(false);
    }

    private static void Bind(ApiContext context, JsonObject reference, string ns, string account, JsonObject kubernetes)
    {
        var kind = KubeJson.GetString(reference, "kind") ?? "";
        var apiVersion = KubeJson.GetString(reference, "apiVersion") ?? "v1";
        var boundName = KubeJson.GetString(reference, "name") ?? "";
        var (plural, claim) = (apiVersion, kind) switch
        {
            ("v1", "Pod") => ("pods", "pod"),
            ("v1", "Secret") => ("secrets", "secret"),
            _ => throw ApiErrors.BadRequest($"cannot bind token to object of type {(apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion : "/" + apiVersion)}, Kind={kind}"),
        };
        var bound = context.Service.Get(context.Service.Registry.Get("", plural), ns, boundName);
        if (claim == "pod" && KubeJson.GetString(bound.ToJson(), "spec", "serviceAccountName") != account)
        {
            throw ApiErrors.BadRequest($"cannot bind token for serviceaccount \"{account}\" to pod running with different serviceaccount name.");
        }

        var uid = KubeJson.GetString(reference, "uid");
        if (!string.IsNullOrEmpty(uid) && uid != bound.Uid)
        {
            throw ApiErrors.Conflict(new GroupResource("", kind), boundName,
                $"the UID in the bound object reference ({uid}) does not match the UID in record. The object might have been deleted and then recreated");
        }

        kubernetes[claim] = new JsonObject { ["name"] = boundName, ["uid"] = bound.Uid };
    }
}
