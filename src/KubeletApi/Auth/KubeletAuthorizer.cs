using k8s;
using k8s.Models;

using Microsoft.Extensions.Options;

using OrleansEci.KubeletApi.Hosting;

namespace OrleansEci.KubeletApi.Auth;

/// <summary>
/// The kubelet's webhook authorization: a SubjectAccessReview (authorization.k8s.io/v1) for the user on
/// <c>nodes/{subresource}</c> named after the node, verb and subresource from <see cref="KubeletRequestAttributes"/>;
/// allowed answers cached <see cref="KubeletApiOptions.AuthorizedCacheTtl"/>, denials <see cref="KubeletApiOptions.UnauthorizedCacheTtl"/>.
/// </summary>
internal sealed class KubeletAuthorizer(IKubernetes kubernetes, IOptions<KubeletApiOptions> options, TimeProvider time)
{
    private readonly TtlCache<bool> _decisions = new(time);

    public async Task<bool> IsAllowedAsync(KubeletUser user, string node, string verb, string subresource, CancellationToken cancellationToken)
    {
        var key = string.Join('\n', user.Name, user.Uid ?? "", string.Join(',', user.Groups), string.Join(',', user.Extra.Select(e => e.Key + "=" + string.Join('|', e.Value))),
            node, verb, subresource);
        if (_decisions.TryGet(key, out var cached))
        {
            return cached;
        }

        var review = await kubernetes.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            ApiVersion = "authorization.k8s.io/v1",
            Kind = "SubjectAccessReview",
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user.Name,
                Uid = user.Uid,
                Groups = [.. user.Groups],
                Extra = user.Extra.Count == 0 ? null : user.Extra.ToDictionary(e => e.Key, e => (IList<string>)[.. e.Value], StringComparer.Ordinal),
                ResourceAttributes = new V1ResourceAttributes
                {
                    Verb = verb,
                    Group = "",
                    Version = "v1",
                    Resource = "nodes",
                    Subresource = subresource,
                    Name = node,
                },
            },
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var allowed = review.Status is { Allowed: true, Denied: not true };
        _decisions.Set(key, allowed, allowed ? options.Value.AuthorizedCacheTtl : options.Value.UnauthorizedCacheTtl);
        return allowed;
    }
}
