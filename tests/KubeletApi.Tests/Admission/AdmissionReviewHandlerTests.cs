using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansEci.KubeletApi.Admission;
using OrleansEci.Profiles;
using OrleansEci.KubeletApi.Tests.Support;
using static OrleansEci.KubeletApi.Tests.Support.PodFixtures;
using static OrleansEci.KubeletApi.Tests.Support.ReviewFixtures;

namespace OrleansEci.KubeletApi.Tests.Admission;

public sealed class AdmissionReviewHandlerTests
{
    private readonly StaticNamespaces _namespaces = new(new()
    {
        [Namespace] = new(),
        ["eci-jobs"] = Labels("alibabacloud.com/eci=true"),
    });

    private AdmissionReviewHandler Handler() => new(new FixedProfile(EciProfile.Default), _namespaces, new AdmissionOptions(), NullLogger.Instance);

    private async Task<(int Status, Answer Answer)> Review(JsonNode review)
    {
        AdmissionHttpResult result = await Handler().HandleAsync(Bytes(review), TestContext.Current.CancellationToken);
        Assert.Equal(AdmissionHttpResult.Json, result.ContentType);
        return (result.StatusCode, Read(result.Body.Span));
    }

    [Fact]
    public async Task HandleAsync_SharedFixtureOfACustomType_AllowedUnchangedWithUidEchoed()
    {
        AdmissionHttpResult result = await Handler().HandleAsync(Encoding.UTF8.GetBytes(SharedFixture()), TestContext.Current.CancellationToken);

        Answer answer = Read(result.Body.Span);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(("uidValue", true, null), (answer.Uid, answer.Allowed, answer.PatchType));
        Assert.Empty(answer.Patch);
        Assert.Equal(0, _namespaces.Lookups);
    }

    [Fact]
    public async Task HandleAsync_PodWithEciLabel_JsonPatchInBase64WithUidEchoed()
    {
        V1Pod pod = Pod(labels: Labels("alibabacloud.com/eci=true"));

        (int status, Answer answer) = await Review(PodReview(pod));

        Assert.Equal(200, status);
        Assert.Equal((Uid, true, "JSONPatch"), (answer.Uid, answer.Allowed, answer.PatchType));
        PodMutatorRouteTests.AssertRequiredToEci(JsonPatchApplier.Apply(pod, answer.Patch));
    }

    [Fact]
    public async Task HandleAsync_PodInEciNamespace_RoutedByTheLookedUpLabels()
    {
        V1Pod pod = Pod();

        (_, Answer answer) = await Review(PodReview(pod, namespaceName: "eci-jobs"));

        PodMutatorRouteTests.AssertRequiredToEci(JsonPatchApplier.Apply(pod, answer.Patch));
    }

    [Fact]
    public async Task HandleAsync_RequestWithoutNamespace_UsesThePodsNamespace()
    {
        V1Pod pod = Pod();
        pod.Metadata.NamespaceProperty = "eci-jobs";

        (_, Answer answer) = await Review(PodReview(pod, namespaceName: null));

        Assert.Equal("JSONPatch", answer.PatchType);
    }

    [Fact]
    public async Task HandleAsync_NoNamespaceAnywhere_RefusedAsBadRequest()
    {
        V1Pod pod = Pod();
        pod.Metadata.NamespaceProperty = null;

        (int status, Answer answer) = await Review(PodReview(pod, namespaceName: null));

        Assert.Equal((200, false, 400), (status, answer.Allowed, answer.Code));
    }

    [Fact]
    public async Task HandleAsync_UnrunnablePod_DeniedWithStatus403AndTheReason()
    {
        V1Pod pod = Pod(labels: Labels("eci=true"));
        pod.Spec.HostNetwork = true;

        (int status, Answer answer) = await Review(PodReview(pod));

        Assert.Equal((200, Uid, false, 403), (status, answer.Uid, answer.Allowed, answer.Code));
        Assert.Contains("hostNetwork: true", answer.Message, StringComparison.Ordinal);
        Assert.Null(answer.PatchType);
    }

    [Fact]
    public async Task HandleAsync_BurstPodEciCannotRun_AllowedWithAWarning()
    {
        V1Pod pod = Pod(annotations: Labels("alibabacloud.com/burst-resource=eci"));
        pod.Spec.HostNetwork = true;

        (_, Answer answer) = await Review(PodReview(pod));

        Assert.True(answer.Allowed);
        Assert.Contains("will not burst to ECI", Assert.Single(answer.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE", null)]
    [InlineData("DELETE", null)]
    [InlineData("CREATE", "binding")]
    [InlineData("CREATE", "ephemeralcontainers")]
    public async Task HandleAsync_NotAPodCreation_AllowedUnchanged(string operation, string? subResource)
    {
        JsonObject review = PodReview(Pod(labels: Labels("eci=true")), operation);
        review["request"]!["subResource"] = subResource;

        (int status, Answer answer) = await Review(review);

        Assert.Equal((200, true, null), (status, answer.Allowed, answer.PatchType));
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "", "the body is not JSON" },
        { "kind: AdmissionReview", "the body is not JSON" },
        { "{\"apiVersion\":\"admission.k8s.io/v1\",", "the body is not JSON" },
        { "[]", "the body is not a JSON object" },
        { "\"AdmissionReview\"", "the body is not a JSON object" },
        { "{}", "expected kind AdmissionReview of apiVersion admission.k8s.io/v1" },
        { "{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\"}}", "got kind \"AdmissionReview\" of \"admission.k8s.io/v1beta1\"" },
        { "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"Pod\"}", "expected kind AdmissionReview" },
        { "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}", "has no request object" },
        { "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":\"x\"}", "has no request object" },
        { "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{}}", "request has no uid" },
        { "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":42}}", "request has no uid" },
        { "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"\"}}", "request has no uid" },
        { new string('[', 200) + new string(']', 200), "the body is not JSON" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task HandleAsync_MalformedBody_400WithAnAdmissionReviewError(string body, string expected)
    {
        AdmissionHttpResult result = await Handler().HandleAsync(Encoding.UTF8.GetBytes(body), TestContext.Current.CancellationToken);

        Answer answer = Read(result.Body.Span);
        Assert.Equal((400, "", false, 400), (result.StatusCode, answer.Uid, answer.Allowed, answer.Code));
        Assert.StartsWith("Malformed AdmissionReview: ", answer.Message, StringComparison.Ordinal);
        Assert.Contains(expected, answer.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedPods => new()
    {
        { "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":\"nginx\"}}", "request.object is not a valid Pod" },
        { "{\"metadata\":{\"name\":\"p\",\"labels\":[\"eci\"]},\"spec\":{\"containers\":[]}}", "request.object is not a valid Pod" },
        { "{\"metadata\":{\"name\":\"p\",\"creationTimestamp\":\"yesterday\"},\"spec\":{\"containers\":[]}}", "request.object is not a valid Pod" },
        { "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"a\",\"resources\":{\"limits\":{\"cpu\":[1]}}}]}}", "request.object is not a valid Pod" },
        { "[1,2]", "has no request.object" },
        { "null", "has no request.object" },
        { "{\"metadata\":{\"name\":\"p\"}}", "has no spec" },
        { "{\"spec\":{\"containers\":[{\"name\":\"a\"}]}}", "has no metadata" },
    };

    [Theory]
    [MemberData(nameof(MalformedPods))]
    public async Task HandleAsync_MalformedPod_RefusedWithCode400AndUidEchoed(string podJson, string expected)
    {
        JsonObject review = PodReview(Pod());
        review["request"]!["object"] = JsonNode.Parse(podJson);

        (int status, Answer answer) = await Review(review);

        Assert.Equal((200, Uid, false, 400), (status, answer.Uid, answer.Allowed, answer.Code));
        Assert.Contains(expected, answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_NamespaceNotInTheCache_503SoTheFailurePolicyDecides()
    {
        AdmissionHttpResult result = await Handler().HandleAsync(Bytes(PodReview(Pod(), namespaceName: "brand-new")), TestContext.Current.CancellationToken);

        Assert.Equal(503, result.StatusCode);
        Assert.Contains("Namespace brand-new is not known yet", Encoding.UTF8.GetString(result.Body.Span), StringComparison.Ordinal);
        Assert.Equal(1, _namespaces.Lookups);
    }
}
