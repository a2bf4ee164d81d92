using k8s.Models;

using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Auth;

/// <summary>Registers serviceaccounts/token, tokenreviews, subjectaccessreviews and selfsubjectaccessreviews.</summary>
public sealed class AuthResources : IResourceTypeSource
{
    private readonly ServiceAccountTokenIssuer _issuer;
    private readonly IServiceProvider _services;
    private readonly AccessPolicy _policy;
    private readonly TimeProvider _time;

    public AuthResources(ServiceAccountTokenIssuer issuer, IServiceProvider services, AccessPolicy policy, TimeProvider time)
    {
        _issuer = issuer;
        _services = services;
        _policy = policy;
        _time = time;
    }

    public void Register(ResourceRegistry registry)
    {
        registry.AddSubresource("", "serviceaccounts", new TokenRequestSubresource(_issuer, _time).Type);
        registry.Add(new ResourceTypeBuilder("authentication.k8s.io", "v1", "tokenreviews", "TokenReview", false).WithModel<V1TokenReview>()
            .WithVerbs("create").WithHandler(new TokenReviewHandler(_services)).Build());
        registry.Add(new ResourceTypeBuilder("authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview", false)
            .WithModel<V1SubjectAccessReview>().WithVerbs("create").WithHandler(new SubjectAccessReviewHandler(_policy, self: false)).Build());
        registry.Add(new ResourceTypeBuilder("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false)
            .WithModel<V1SelfSubjectAccessReview>().WithVerbs("create").WithHandler(new SubjectAccessReviewHandler(_policy, self: true)).Build());
    }
}
