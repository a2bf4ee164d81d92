using System.Text.Json.Nodes;

using k8s.Models;

using Microsoft.Extensions.Time.Testing;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Admission;

/// <summary>How webhooks are reached: a Service reference (endpoint on loopback, certificate for the .svc name) and timeouts.</summary>
public sealed class WebhookEndpointTests
{
    [Fact(Timeout = 30_000)]
    public async Task ServiceReference_ResolvesToLoopbackTargetPortAndVerifiesTheSvcName()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kube = await KubeServer.StartAsync();
        var ns = await kube.NewNamespaceAsync("svc");
        await using var hooks = await WebhookServer.StartAsync($"hook.{ns}.svc");
        await kube.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "hook" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 443, TargetPort = hooks.Port }] },
        }, ns, cancellationToken: ct);
        hooks.On("inject", _ => WebhookServer.Patch(new JsonObject { ["op"] = "add", ["path"] = "/metadata/labels", ["value"] = new JsonObject { ["via"] = "service" } }));
        var webhook = WebhookConfigs.Webhook("svc.test.io", "unused", hooks.CaBundle);
        webhook["clientConfig"] = new JsonObject
        {
            ["service"] = new JsonObject { ["namespace"] = ns, ["name"] = "hook", ["path"] = "/inject" },
            ["caBundle"] = hooks.CaBundle,
        };
        await WebhookConfigs.CreateAsync(kube, "svc", ns, webhook);

        var pod = await kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("web"), ns, cancellationToken: ct);

        Assert.Equal("service", pod.Metadata.Labels?["via"]);
        Assert.Single(hooks.Received("inject"));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("Fail", 500)]
    [InlineData("Ignore", 201)]
    public async Task Timeout_WebhookAnswersTooLate_FailurePolicyDecides(string policy, int expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var kube = await KubeServer.StartAsync(time: time);
        await using var hooks = await WebhookServer.StartAsync();
        var ns = await kube.NewNamespaceAsync("slow");
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hooks.On("slow", async _ =>
        {
            arrived.TrySetResult();
            await release.Task;
            return WebhookServer.Allow();
        });
        var webhook = WebhookConfigs.Webhook("slow.test.io", hooks.Url("slow"), hooks.CaBundle);
        webhook["timeoutSeconds"] = 2;
        webhook["failurePolicy"] = policy;
        await WebhookConfigs.CreateAsync(kube, "slow", ns, webhook);

        var create = kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Manifests.PodJson("web"));
        await arrived.Task.WaitAsync(ct);
        time.Advance(TimeSpan.FromSeconds(2));
        var (status, body, _) = await create;
        release.TrySetResult();

        Assert.True(status == expected, $"expected {expected} with failurePolicy {policy} after the 2 s timeout, got {status}: {body}");
        if (expected == 500)
        {
            Assert.Equal($"Internal error occurred: failed calling webhook \"slow.test.io\": failed to call webhook: Post \"{hooks.Url("slow")}?timeout=2s\": context deadline exceeded",
                body?["message"]?.GetValue<string>());
        }
    }
}
