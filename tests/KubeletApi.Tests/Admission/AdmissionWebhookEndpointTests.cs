using System.Net;
using System.Net.Http.Headers;
using System.Text;
using k8s;
using k8s.Models;
using OrleansEci.KubeletApi.Tests.Support;
using static OrleansEci.KubeletApi.Tests.Support.PodFixtures;
using static OrleansEci.KubeletApi.Tests.Support.ReviewFixtures;

namespace OrleansEci.KubeletApi.Tests.Admission;

/// <summary>POST /mutate-pods over HTTP, the way the API server calls it.</summary>
public sealed class AdmissionWebhookEndpointTests(WebhookServer server) : IClassFixture<WebhookServer>
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<(HttpStatusCode Status, string Body)> Post(HttpContent content)
    {
        using HttpResponseMessage response = await server.Client.PostAsync("", content, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_PodReviewSerializedByKubernetesClient_PatchesThePodToVirtualNodes()
    {
        V1Pod pod = Pod(labels: Labels("alibabacloud.com/eci=true"));

        (HttpStatusCode status, string body) = await Post(Json(PodReview(pod).ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, status);
        Answer answer = Read(Encoding.UTF8.GetBytes(body));
        Assert.Equal((Uid, true, "JSONPatch"), (answer.Uid, answer.Allowed, answer.PatchType));
        V1Pod patched = JsonPatchApplier.Apply(pod, answer.Patch);
        PodMutatorRouteTests.AssertRequiredToEci(patched);
        Assert.Equal("registry.example.com/web:1.4.2", KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(patched)).Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Post_ProfileReloaded_NextReviewUsesTheNewSelectors()
    {
        V1Pod pod = Pod(labels: Labels("tier=batch"));
        server.Profiles.Apply(new Dictionary<string, string> { ["selectors"] = """[{"name":"batch","objectSelector":{"matchLabels":{"tier":"batch"}}}]""" });
        try
        {
            (_, string body) = await Post(Json(PodReview(pod).ToJsonString()));

            Assert.Equal("JSONPatch", Read(Encoding.UTF8.GetBytes(body)).PatchType);
        }
        finally
        {
            server.Profiles.Reset();
        }
    }

    [Fact]
    public async Task Post_MalformedBody_400WithAnAdmissionReview()
    {
        (HttpStatusCode status, string body) = await Post(Json("{\"apiVersion\":"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Malformed AdmissionReview: the body is not JSON", Read(Encoding.UTF8.GetBytes(body)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NotJsonContentType_415()
    {
        using var content = new StringContent(PodReview(Pod()).ToJsonString(), Encoding.UTF8, "application/yaml");

        (HttpStatusCode status, string body) = await Post(content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("application/json", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_413()
    {
        using var content = new ByteArrayContent(new byte[5 * 1024 * 1024]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        (HttpStatusCode status, _) = await Post(content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Post_UnknownNamespace_503()
    {
        (HttpStatusCode status, _) = await Post(Json(PodReview(Pod(), namespaceName: "not-synced-yet").ToJsonString()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
    }

    [Fact]
    public async Task Get_MutatePods_405()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
