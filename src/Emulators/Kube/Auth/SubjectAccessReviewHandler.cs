using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Auth;

/// <summary>
/// <c>POST subjectaccessreviews</c> and <c>selfsubjectaccessreviews</c> (authorization.k8s.io/v1): validated as
/// pkg/apis/authorization/validation, answered by <see cref="AccessPolicy"/> (for the caller itself in the self review).
/// </summary>
public sealed class SubjectAccessReviewHandler : IResourceHandler
{
    private static readonly AuthenticatedUser Anonymous = new("system:anonymous", "", ["system:unauthenticated"]);
    private readonly AccessPolicy _policy;
    private readonly bool _self;

    public SubjectAccessReviewHandler(AccessPolicy policy, bool self)
    {
        _policy = policy;
        _self = self;
    }

    public async Task HandleAsync(ApiContext context)
    {
        if (context.Request.Verb != "create")
        {
            throw ApiErrors.MethodNotSupported(context.Type.GroupResource, context.Request.Verb);
        }

        var review = await context.ReadObjectAsync().ConfigureAwait(false);
        var spec = review["spec"] as JsonObject ?? [];
        var resource = spec["resourceAttributes"] as JsonObject;
        var nonResource = spec["nonResourceAttributes"] as JsonObject;
        string user;
        IReadOnlyList<string> groups;
        if (_self)
        {
            var caller = context.Http.Items[BearerTokenMiddleware.UserKey] as AuthenticatedUser ?? Anonymous;
            (user, groups) = (caller.Name, caller.Groups);
        }
        else
        {
            user = KubeJson.GetString(spec, "user") ?? "";
            groups = [.. (spec["groups"] as JsonArray ?? []).Select(g => g?.GetValue<string>() ?? "")];
        }

        Validate(context.Type.Kind, resource, nonResource, user, groups);
        var verb = KubeJson.GetString(resource ?? nonResource, "verb") ?? "";
        var (allowed, reason) = _policy.Decide(user, groups, nonResource is null ? null : KubeJson.GetString(nonResource, "path") ?? "", verb);
        var status = new JsonObject { ["allowed"] = allowed };
        if (reason.Length > 0)
        {
            status["reason"] = reason;
        }

        await context.WriteJsonAsync(201, new JsonObject
        {
            ["kind"] = context.Type.Kind,
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = spec.DeepClone(),
            ["status"] = status,
        }).ConfigureAwait(false);
    }

    private void Validate(string kind, JsonObject? resource, JsonObject? nonResource, string user, IReadOnlyList<string> groups)
    {
        var causes = new List<StatusCause>();
        if (resource is not null && nonResource is not null)
        {
            causes.Add(StatusCause.Invalid("spec.nonResourceAttributes", nonResource.ToJsonString(), "cannot be specified in combination with resourceAttributes"));
        }

        if (resource is null && nonResource is null)
        {
            causes.Add(StatusCause.Invalid("spec.resourceAttributes", null, "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        }

        if (!_self && user.Length == 0 && groups.Count == 0)
        {
            causes.Add(StatusCause.Invalid("spec.user", user, "at least one of user or group must be specified"));
        }

        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid("authorization.k8s.io", kind, "", causes);
        }
    }
}
