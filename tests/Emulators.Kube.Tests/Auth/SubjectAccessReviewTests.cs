using System.Net;

using k8s.Autorest;
using k8s.Models;

namespace OrleansEci.Emulators.Kube.Tests.Auth;

/// <summary>SubjectAccessReview and SelfSubjectAccessReview answered by the documented AccessPolicy.</summary>
public sealed class SubjectAccessReviewTests
{
    [Fact(Timeout = 30_000)]
    public async Task Review_ServiceAccountAllowed_AnonymousDenied_PublicPathReadable()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await SecureCluster.StartAsync();
        var podsGet = new V1ResourceAttributes { Verb = "get", Resource = "pods", NamespaceProperty = "default", Name = "web" };

        var robot = await cluster.Admin.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview { Spec = new V1SubjectAccessReviewSpec
        {
            User = "system:serviceaccount:default:robot",
            Groups = ["system:serviceaccounts", "system:authenticated"],
            ResourceAttributes = podsGet,
        } }, cancellationToken: ct);
        var anonymous = await cluster.Admin.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview { Spec = new V1SubjectAccessReviewSpec
        {
            User = "system:anonymous",
            Groups = ["system:unauthenticated"],
            ResourceAttributes = podsGet,
        } }, cancellationToken: ct);
        var health = await cluster.Admin.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview { Spec = new V1SubjectAccessReviewSpec
        {
            User = "system:anonymous",
            NonResourceAttributes = new V1NonResourceAttributes { Path = "/healthz", Verb = "get" },
        } }, cancellationToken: ct);

        Assert.True(robot.Status.Allowed, robot.Status.Reason);
        Assert.False(anonymous.Status.Allowed, "system:anonymous must not be allowed to read pods");
        Assert.True(health.Status.Allowed, "the public-info paths are readable by everyone");
    }

    [Fact(Timeout = 30_000)]
    public async Task SelfReview_AdminToken_IsAllowedAsSystemMasters()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await SecureCluster.StartAsync();

        var self = await cluster.Admin.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new V1SelfSubjectAccessReview { Spec = new V1SelfSubjectAccessReviewSpec
        {
            ResourceAttributes = new V1ResourceAttributes { Verb = "delete", Resource = "nodes" },
        } }, cancellationToken: ct);

        Assert.True(self.Status.Allowed);
        Assert.Contains("system:masters", self.Status.Reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Review_NoUserNoAttributes_Is422WithBothCauses()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await SecureCluster.StartAsync();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Admin.AuthorizationV1.CreateSubjectAccessReviewAsync(
            new V1SubjectAccessReview { Spec = new V1SubjectAccessReviewSpec() }, cancellationToken: ct));

        Assert.Equal((HttpStatusCode)422, error.Response.StatusCode);
        Assert.Contains("spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified", error.Response.Content,
            StringComparison.Ordinal);
        Assert.Contains("spec.user: Invalid value: \\\"\\\": at least one of user or group must be specified", error.Response.Content, StringComparison.Ordinal);
    }
}
