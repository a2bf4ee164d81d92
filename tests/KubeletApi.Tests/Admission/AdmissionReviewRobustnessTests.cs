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

/// <summary>No body can make the webhook throw: damaged reviews (fixed seed) and odd values in the pod.</summary>
public sealed class AdmissionReviewRobustnessTests
{
    private const int Seed = 6;
    private const string Noise = "{}[]\":,0an \\";

    private static AdmissionReviewHandler Handler() => new(
        new FixedProfile(EciProfile.Default),
        new StaticNamespaces(new() { [Namespace] = Labels("alibabacloud.com/eci=true") }),
        new AdmissionOptions(),
        NullLogger.Instance);

    [Fact]
    public async Task HandleAsync_DamagedReviews_AlwaysAnswerWithoutThrowing()
    {
        V1Pod pod = Pod(labels: Labels("app=web"), annotations: Labels("alibabacloud.com/burst-resource=eci"));
        pod.Spec.Tolerations = [new V1Toleration { Key = "x", OperatorProperty = "Exists" }];
        byte[] valid = Bytes(PodReview(pod)).ToArray();
        var random = new Random(Seed);
        AdmissionReviewHandler handler = Handler();

        for (int i = 0; i < 1500; i++)
        {
            byte[] damaged = Damage(valid, random);
            AdmissionHttpResult result = await handler.HandleAsync(damaged, TestContext.Current.CancellationToken);

            if (result.StatusCode == 503)
            {
                // A damaged namespace name is a namespace the cache does not know: the failurePolicy decides.
                Assert.Equal(AdmissionHttpResult.Text, result.ContentType);
                continue;
            }

            Assert.True(result.StatusCode is 200 or 400, $"Case {i}: expected 200, 400 or 503, got {result.StatusCode} for {Encoding.UTF8.GetString(damaged)}");
            Answer answer = Read(result.Body.Span);
            Assert.True(result.StatusCode == 200 || !answer.Allowed, $"Case {i}: a 400 must not allow.");
        }
    }

    [Theory]
    [InlineData("/spec/containers/0/resources", "{\"limits\":{\"cpu\":\"two\"}}")]
    [InlineData("/spec/containers/0/resources", "{\"requests\":{\"memory\":\"1.5.3Gi\"}}")]
    [InlineData("/spec/containers/0/ports", "[{\"containerPort\":\"eighty\"}]")]
    [InlineData("/spec/containers/0/ports", "[{\"containerPort\":99999999999}]")]
    [InlineData("/spec/tolerations", "[{\"key\":null,\"operator\":null}]")]
    [InlineData("/spec/affinity", "{\"nodeAffinity\":{\"preferredDuringSchedulingIgnoredDuringExecution\":[{\"weight\":1}]}}")]
    [InlineData("/metadata/annotations", "{\"alibabacloud.com/burst-resource\":null}")]
    [InlineData("/spec/volumes", "[{\"name\":\"v\",\"hostPath\":{}}]")]
    public async Task HandleAsync_OddValuesInThePod_AnswerWithoutThrowing(string path, string json)
    {
        JsonObject review = PodReview(Pod(annotations: Labels("alibabacloud.com/burst-resource=eci")));
        string[] parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonNode parent = review["request"]!["object"]!;
        foreach (string part in parts[..^1])
        {
            parent = int.TryParse(part, out int index) ? parent[index]! : parent[part]!;
        }

        parent[parts[^1]] = JsonNode.Parse(json);

        AdmissionHttpResult result = await Handler().HandleAsync(Bytes(review), TestContext.Current.CancellationToken);

        Assert.Equal(200, result.StatusCode);
        Answer answer = Read(result.Body.Span);
        Assert.Equal(Uid, answer.Uid);
        Assert.True(answer.Allowed || answer.Code is 400 or 403, $"Expected an answer for the pod with {path}={json}; got {answer}.");
    }

    private static byte[] Damage(byte[] valid, Random random)
    {
        byte[] copy = [.. valid];
        switch (random.Next(3))
        {
            case 0:
                return copy[..random.Next(copy.Length)];
            case 1:
                for (int n = random.Next(1, 4); n > 0; n--)
                {
                    copy[random.Next(copy.Length)] = (byte)Noise[random.Next(Noise.Length)];
                }

                return copy;
            default:
                int at = random.Next(copy.Length);
                int length = random.Next(1, Math.Min(40, copy.Length - at) + 1);
                return [.. copy[..at], .. copy[(at + length)..]];
        }
    }
}
