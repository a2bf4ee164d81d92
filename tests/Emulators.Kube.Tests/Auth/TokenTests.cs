using System.Net;

using k8s.Autorest;
using k8s.Models;

using OrleansEci.Emulators.Kube.Auth;

namespace OrleansEci.Emulators.Kube.Tests.Auth;

/// <summary>TokenRequest, TokenReview and service-account tokens used as bearer tokens, against an HTTPS server with a token.</summary>
public sealed class TokenTests
{
    [Fact(Timeout = 30_000)]
    public async Task TokenRequest_ThenTokenReview_AuthenticatesTheServiceAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await SecureCluster.StartAsync();
        var account = await cluster.Admin.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new() { Name = "robot" } }, "default", cancellationToken: ct);

        var issued = await cluster.Admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() },
            "robot", "default", cancellationToken: ct);
        var review = await cluster.Admin.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = issued.Status.Token } }, cancellationToken: ct);

        Assert.Equal(3600, issued.Spec.ExpirationSeconds);
        Assert.Equal(cluster.Time.GetUtcNow().AddHours(1).UtcDateTime, issued.Status.ExpirationTimestamp?.ToUniversalTime());
        Assert.True(review.Status.Authenticated, $"expected the token to authenticate, error: {review.Status.Error}");
        Assert.Equal("system:serviceaccount:default:robot", review.Status.User.Username);
        Assert.Equal(account.Metadata.Uid, review.Status.User.Uid);
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"], review.Status.User.Groups);
        Assert.Equal([ServiceAccountTokenIssuer.Issuer], review.Status.Audiences);
    }

    [Fact(Timeout = 30_000)]
    public async Task TokenReview_AudienceNotInToken_IsUnauthenticatedWithTheReason()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await SecureCluster.StartAsync();
        await cluster.Admin.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new() { Name = "vault" } }, "default", cancellationToken: ct);
        var issued = await cluster.Admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { Audiences = ["vault"] } },
            "vault", "default", cancellationToken: ct);

        var wrong = await cluster.Admin.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = issued.Status.Token } }, cancellationToken: ct);
        var right = await cluster.Admin.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = issued.Status.Token, Audiences = ["vault"] } },
            cancellationToken: ct);

        Assert.False(wrong.Status.Authenticated);
        Assert.Contains("is invalid for the target audiences", wrong.Status.Error, StringComparison.Ordinal);
        Assert.True(right.Status.Authenticated, $"expected the vault audience to authenticate, error: {right.Status.Error}");
        Assert.Equal(["vault"], right.Status.Audiences);
    }

    [Fact(Timeout = 30_000)]
    public async Task TokenReview_AfterExpiration_IsUnauthenticated()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await SecureCluster.StartAsync();
        await cluster.Admin.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new() { Name = "short" } }, "default", cancellationToken: ct);
        var issued = await cluster.Admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 600 } },
            "short", "default", cancellationToken: ct);

        cluster.Time.Advance(TimeSpan.FromSeconds(601));
        var review = await cluster.Admin.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = issued.Status.Token } }, cancellationToken: ct);

        Assert.False(review.Status.Authenticated);
        Assert.Equal("service account token has expired", review.Status.Error);
    }

    [Fact(Timeout = 30_000)]
    public async Task TokenRequest_BoundToAPod_StopsWorkingWhenThePodIsGone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await SecureCluster.StartAsync();
        var pod = Support.Manifests.Pod("holder");
        pod.Spec.ServiceAccountName = "default";
        pod = await cluster.Admin.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: ct);
        var issued = await cluster.Admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { BoundObjectRef = new V1BoundObjectReference { ApiVersion = "v1", Kind = "Pod", Name = "holder", Uid = pod.Metadata.Uid } } }, "default", "default", cancellationToken: ct);
        var before = await cluster.Admin.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = issued.Status.Token } }, cancellationToken: ct);

        await cluster.Admin.CoreV1.DeleteNamespacedPodAsync("holder", "default", cancellationToken: ct);
        var after = await cluster.Admin.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = issued.Status.Token } }, cancellationToken: ct);

        Assert.True(before.Status.Authenticated, $"expected the pod-bound token to authenticate, error: {before.Status.Error}");
        Assert.Equal(["holder"], before.Status.User.Extra["authentication.kubernetes.io/pod-name"]);
        Assert.False(after.Status.Authenticated);
    }

    [Fact(Timeout = 30_000)]
    public async Task TokenRequest_ShortExpirationOrWrongBinding_AreRefusedAsKubeApiserverDoes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await SecureCluster.StartAsync();

        var tooShort = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 60 } }, "default", "default", cancellationToken: ct));
        var badKind = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { BoundObjectRef = new V1BoundObjectReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "x" } } },
            "default", "default", cancellationToken: ct));

        Assert.Equal((HttpStatusCode)422, tooShort.Response.StatusCode);
        Assert.Contains("spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes", tooShort.Response.Content, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.Response.StatusCode);
        Assert.Contains("cannot bind token to object of type /v1, Kind=ConfigMap", badKind.Response.Content, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ServiceAccountToken_AsBearer_IsAcceptedByTheApiServerAndAnUnknownTokenIsNot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await SecureCluster.StartAsync();
        var issued = await cluster.Admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() },
            "default", "default", cancellationToken: ct);
        using var robot = cluster.ClientWith(issued.Status.Token);
        using var stranger = cluster.ClientWith("not-a-token-at-all");

        var pods = await robot.CoreV1.ListNamespacedPodAsync("default", cancellationToken: ct);
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => stranger.CoreV1.ListNamespacedPodAsync("default", cancellationToken: ct));

        Assert.NotNull(pods);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Response.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task TokenReview_AdminToken_IsKubernetesAdminInSystemMasters()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await SecureCluster.StartAsync();

        var review = await cluster.Admin.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = cluster.Config.AccessToken } },
            cancellationToken: ct);

        Assert.True(review.Status.Authenticated);
        Assert.Equal("kubernetes-admin", review.Status.User.Username);
        Assert.Contains("system:masters", review.Status.User.Groups);
    }
}
