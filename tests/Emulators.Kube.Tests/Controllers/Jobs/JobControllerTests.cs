using System.Globalization;

using k8s;
using k8s.Models;

using OrleansEci.Emulators.Kube.Controllers.FakeKubelet;

namespace OrleansEci.Emulators.Kube.Tests.Controllers.Jobs;

/// <summary>The Job controller: completions and parallelism, backoff and backoffLimit, activeDeadlineSeconds, conditions as 1.31+ writes them.</summary>
public sealed class JobControllerTests
{
    private static Task<ControllerTestServer> StartAsync() => ControllerTestServer.StartAsync(c => c.Jobs.Enabled = true);

    [Fact]
    public async Task Completions_PodsSucceed_JobCompletes()
    {
        await using var kube = await StartAsync();
        var ns = await kube.NewNamespaceAsync("job");
        var job = await kube.Client.BatchV1.CreateNamespacedJobAsync(Job("pi", completions: 3, parallelism: 2), ns, cancellationToken: TestContext.Current.CancellationToken);

        var first = await kube.PodsAsync(ns, p => p.Count == 2, "two pods (parallelism 2)");
        Assert.All(first, p =>
        {
            Assert.StartsWith("pi-", p.Metadata.Name, StringComparison.Ordinal);
            Assert.Equal(job.Metadata.Uid, p.Metadata.Labels["batch.kubernetes.io/controller-uid"]);
            Assert.Equal("pi", p.Metadata.Labels["batch.kubernetes.io/job-name"]);
            Assert.Equal(("pi", job.Metadata.Uid), (p.Metadata.Labels["job-name"], p.Metadata.Labels["controller-uid"]));
            Assert.Contains("batch.kubernetes.io/job-tracking", p.Metadata.Finalizers);
            Assert.Equal(("Job", "batch/v1", true), (p.Metadata.OwnerReferences[0].Kind, p.Metadata.OwnerReferences[0].ApiVersion, p.Metadata.OwnerReferences[0].Controller));
        });
        await kube.JobAsync(ns, "pi", j => j.Status?.Active == 2 && j.Status.StartTime is not null, "2 active and a startTime");

        foreach (var pod in first)
        {
            await FinishAsync(kube, ns, pod.Metadata.Name, exitCode: 0);
        }

        var all = await kube.PodsAsync(ns, p => p.Count == 3, "a third pod for the last completion");
        await FinishAsync(kube, ns, all.Single(p => first.All(f => f.Metadata.Name != p.Metadata.Name)).Metadata.Name, exitCode: 0);

        var done = await kube.JobAsync(ns, "pi", j => j.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true, "Complete");
        Assert.Equal(3, done.Status.Succeeded);
        Assert.Null(done.Status.Active);
        Assert.Equal((0, 0), (done.Status.Ready, done.Status.Terminating));
        Assert.NotNull(done.Status.CompletionTime);
        Assert.Equal(["SuccessCriteriaMet", "Complete"], done.Status.Conditions.Select(c => c.Type));
        Assert.All(done.Status.Conditions, c => Assert.Equal(("CompletionsReached", "Reached expected number of succeeded pods"), (c.Reason, c.Message)));
        Assert.Empty(done.Status.UncountedTerminatedPods.Succeeded ?? []);
        var pods = await kube.PodsAsync(ns, p => p.All(x => x.Metadata.Finalizers is null or { Count: 0 }), "every tracking finalizer removed");
        Assert.Equal(3, pods.Count);
        var completed = await kube.EventAsync(ns, "pi", "Completed");
        Assert.Equal(("Job completed", "job-controller"), (completed.Message, completed.Source.Component));
    }

    [Fact]
    public async Task BackoffLimit_PodsFail_ReplacedAfterBackoffThenJobFails()
    {
        await using var kube = await StartAsync();
        var ns = await kube.NewNamespaceAsync("job");
        var job = Job("flaky", completions: 1, parallelism: 1);
        job.Spec.BackoffLimit = 1;
        await kube.Client.BatchV1.CreateNamespacedJobAsync(job, ns, cancellationToken: TestContext.Current.CancellationToken);

        var first = Assert.Single(await kube.PodsAsync(ns, p => p.Count == 1, "the first pod"));
        await FinishAsync(kube, ns, first.Metadata.Name, exitCode: 1);
        await kube.JobAsync(ns, "flaky", j => j.Status?.Failed == 1, "one failure counted");

        // The replacement waits out the 10 s backoff after the failure.
        Assert.Single((await kube.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: TestContext.Current.CancellationToken)).Items);
        kube.Time.Advance(TimeSpan.FromSeconds(10));
        var second = (await kube.PodsAsync(ns, p => p.Count == 2, "a replacement pod after the backoff")).Single(p => p.Metadata.Name != first.Metadata.Name);
        await FinishAsync(kube, ns, second.Metadata.Name, exitCode: 1);

        var failed = await kube.JobAsync(ns, "flaky", j => j.Status?.Conditions?.Any(c => c.Type == "Failed" && c.Status == "True") == true, "Failed");
        Assert.Equal(2, failed.Status.Failed);
        Assert.Null(failed.Status.CompletionTime);
        Assert.Equal(["FailureTarget", "Failed"], failed.Status.Conditions.Select(c => c.Type));
        Assert.All(failed.Status.Conditions, c => Assert.Equal(("BackoffLimitExceeded", "Job has reached the specified backoff limit"), (c.Reason, c.Message)));
        var warning = await kube.EventAsync(ns, "flaky", "BackoffLimitExceeded");
        Assert.Equal(("Warning", "Job has reached the specified backoff limit"), (warning.Type, warning.Message));
    }

    [Fact]
    public async Task ActiveDeadline_Passed_ActivePodsDeletedAndJobFails()
    {
        await using var kube = await StartAsync();
        var ns = await kube.NewNamespaceAsync("job");
        var job = Job("slow", completions: 2, parallelism: 2);
        job.Spec.ActiveDeadlineSeconds = 30;
        await kube.Client.BatchV1.CreateNamespacedJobAsync(job, ns, cancellationToken: TestContext.Current.CancellationToken);
        await kube.JobAsync(ns, "slow", j => j.Status?.Active == 2, "2 active");

        kube.Time.Advance(TimeSpan.FromSeconds(30));
        var failed = await kube.JobAsync(ns, "slow", j => j.Status?.Conditions?.Any(c => c.Type == "Failed" && c.Status == "True") == true, "Failed after 30 s");
        var condition = failed.Status.Conditions.Single(c => c.Type == "Failed");
        Assert.Equal(("DeadlineExceeded", "Job was active longer than specified deadline"), (condition.Reason, condition.Message));
        Assert.Equal(2, failed.Status.Failed);
        Assert.Null(failed.Status.Active);
        await kube.PodsAsync(ns, p => p.Count == 0, "the active pods deleted");
        await kube.EventAsync(ns, "slow", "DeadlineExceeded");
    }

    [Fact]
    public async Task SimulatedNode_JobPodsComplete_JobCompletes()
    {
        await using var kube = await ControllerTestServer.StartAsync(c =>
        {
            c.Jobs.Enabled = true;
            c.Scheduler.Enabled = true;
            c.FakeKubelet.Enabled = true;
        });
        await kube.CreateNodeAsync("regular", annotations: new Dictionary<string, string> { [FakeKubeletOptions.NodeAnnotation] = FakeKubeletOptions.NodeAnnotationValue });
        var ns = await kube.NewNamespaceAsync("job");
        await kube.Client.BatchV1.CreateNamespacedJobAsync(Job("batch", completions: 4, parallelism: 2), ns, cancellationToken: TestContext.Current.CancellationToken);

        var done = await kube.JobAsync(ns, "batch", j => j.Status?.Conditions?.Any(c => c.Type == "Complete") == true, "Complete on the simulated node");
        Assert.Equal(4, done.Status.Succeeded);
    }

    [Fact]
    public async Task IndexedJob_NotImplemented_SaysSoInAWarning()
    {
        await using var kube = await StartAsync();
        var ns = await kube.NewNamespaceAsync("job");
        var job = Job("indexed", completions: 2, parallelism: 1);
        job.Spec.CompletionMode = "Indexed";
        await kube.Client.BatchV1.CreateNamespacedJobAsync(job, ns, cancellationToken: TestContext.Current.CancellationToken);

        var warning = await kube.EventAsync(ns, "indexed", "NotSupported");
        Assert.Equal("Skipped Job sync: completionMode Indexed is not implemented by this local API server's Job controller", warning.Message);
        Assert.Empty((await kube.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: TestContext.Current.CancellationToken)).Items);
    }

    private static V1Job Job(string name, int completions, int parallelism) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1JobSpec
        {
            Completions = completions,
            Parallelism = parallelism,
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }] },
            },
        },
    };

    /// <summary>What a kubelet writes when the pod's only container exits.</summary>
    private static Task<V1Pod> FinishAsync(ControllerTestServer kube, string ns, string pod, int exitCode)
    {
        var now = kube.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var phase = exitCode == 0 ? "Succeeded" : "Failed";
        var reason = exitCode == 0 ? "Completed" : "Error";
        var terminated = $"{{\"exitCode\":{exitCode},\"reason\":\"{reason}\",\"startedAt\":\"{now}\",\"finishedAt\":\"{now}\"}}";
        var container = $"{{\"name\":\"main\",\"image\":\"busybox:1.36\",\"imageID\":\"\",\"ready\":false,\"restartCount\":0,\"state\":{{\"terminated\":{terminated}}}}}";
        var patch = $"{{\"status\":{{\"phase\":\"{phase}\",\"containerStatuses\":[{container}]}}}}";
        return kube.Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), pod, ns, cancellationToken: TestContext.Current.CancellationToken);
    }
}
