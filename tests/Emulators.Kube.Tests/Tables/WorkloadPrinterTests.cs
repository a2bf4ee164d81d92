using OrleansEci.Emulators.Kube.Tables.Printers;

using static OrleansEci.Emulators.Kube.Tests.Tables.PrinterAssert;

namespace OrleansEci.Emulators.Kube.Tests.Tables;

/// <summary>Deployments, ReplicaSets and Jobs: replica counts, selectors as kubectl writes them, job status and duration.</summary>
public sealed class WorkloadPrinterTests
{
    private const string Template = """
        "template":{"spec":{"containers":[{"name":"a","image":"nginx:1.27"},{"name":"b","image":"busybox"}]}}
        """;

    [Fact]
    public void Deployment_Status_PrintsReadyOfDesiredAndSelector()
    {
        var cells = Cells(new DeploymentPrinter(), $$$"""
            {"metadata":{"name":"web","creationTimestamp":"@5m"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"},
              "matchExpressions":[{"key":"tier","operator":"In","values":["front","edge"]},{"key":"legacy","operator":"DoesNotExist"}]},{{{Template}}}},
             "status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":1}}
            """);

        Assert.Equal<object?>(["web", "2/3", 3L, 1L, "5m", "a,b", "nginx:1.27,busybox", "app=web,!legacy,tier in (edge,front)"], cells);
    }

    [Fact]
    public void ReplicaSet_Status_PrintsDesiredCurrentReady()
    {
        var cells = Cells(new ReplicaSetPrinter(), $$$"""
            {"metadata":{"name":"web-1"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},{{{Template}}}},"status":{"replicas":2,"readyReplicas":1}}
            """);

        Assert.Equal<object?>(["web-1", 2L, 2L, 1L, "<unknown>", "a,b", "nginx:1.27,busybox", "app=web"], cells);
    }

    [Theory]
    [InlineData("""{"conditions":[{"type":"Complete","status":"True"}],"succeeded":1,"startTime":"@5m","completionTime":"@1m"}""", "Complete", "1/1", "4m")]
    [InlineData("""{"conditions":[{"type":"Failed","status":"True"}],"startTime":"@5m","completionTime":"@5m"}""", "Failed", "0/1", "0s")]
    [InlineData("""{"conditions":[{"type":"Suspended","status":"True"}]}""", "Suspended", "0/1", "")]
    [InlineData("""{"active":1,"startTime":"@1m"}""", "Running", "0/1", "60s")]
    public void Job_Conditions_PrintStatusCompletionsAndDuration(string status, string expectedStatus, string completions, string duration)
    {
        var cells = Cells(new JobPrinter(), $$$"""
            {"metadata":{"name":"j"},"spec":{"completions":1,"parallelism":1,{{{Template}}}},"status":{{{status}}}}
            """);

        Assert.Equal<object?>([expectedStatus, completions, duration], cells[1..4]);
    }

    [Fact]
    public void Job_NoCompletionsWithParallelism_PrintsOneOfParallelism()
    {
        var cells = Cells(new JobPrinter(), $$$"""{"metadata":{"name":"j"},"spec":{"parallelism":3,{{{Template}}}},"status":{"succeeded":1}}""");

        Assert.Equal("1/1 of 3", cells[2]);
    }
}
