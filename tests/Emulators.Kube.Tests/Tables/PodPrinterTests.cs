using OrleansEci.Emulators.Kube.Tables.Printers;

using static OrleansEci.Emulators.Kube.Tests.Tables.PrinterAssert;

namespace OrleansEci.Emulators.Kube.Tests.Tables;

/// <summary>The STATUS, READY and RESTARTS logic of printPod, case by case.</summary>
public sealed class PodPrinterTests
{
    private static readonly PodPrinter Printer = new();

    [Theory]
    [InlineData("""{"phase":"Pending"}""", "Pending")]
    [InlineData("""{"phase":"Failed","reason":"Evicted"}""", "Evicted")]
    [InlineData("""{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}""", "SchedulingGated")]
    [InlineData("""{"phase":"Running","containerStatuses":[{"name":"c","state":{"terminated":{"exitCode":1}}}]}""", "ExitCode:1")]
    [InlineData("""{"phase":"Running","containerStatuses":[{"name":"c","state":{"terminated":{"exitCode":137,"signal":9}}}]}""", "Signal:9")]
    [InlineData("""{"phase":"Running","containerStatuses":[{"name":"c","state":{"terminated":{"exitCode":1,"reason":"OOMKilled"}}}]}""", "OOMKilled")]
    [InlineData("""{"phase":"Pending","initContainerStatuses":[{"name":"i","state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}""", "Init:CrashLoopBackOff")]
    [InlineData("""{"phase":"Pending","initContainerStatuses":[{"name":"i","state":{"terminated":{"exitCode":2,"signal":15}}}]}""", "Init:Signal:15")]
    [InlineData("""{"phase":"Pending","initContainerStatuses":[{"name":"i","state":{"terminated":{"exitCode":2}}}]}""", "Init:ExitCode:2")]
    [InlineData("""{"phase":"Pending","initContainerStatuses":[{"name":"i","state":{"waiting":{"reason":"PodInitializing"}}}]}""", "Init:0/1")]
    public void Print_Status_DerivesTheReason(string status, string reason)
    {
        var cells = Cells(Printer, $$$"""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}],"initContainers":[{"name":"i"}]},"status":{{{status}}}}""");

        Assert.Equal(reason, cells[2]);
    }

    [Fact]
    public void Print_CompletedBesideRunningContainer_IsRunningWhenReadyElseNotReady()
    {
        const string Statuses = """
            "containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}},{"name":"b","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]
            """;
        var ready = Cells(Printer, $$$"""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"},{"name":"b"}]},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],{{{Statuses}}}}}""");
        var notReady = Cells(Printer, $$$"""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"},{"name":"b"}]},"status":{"phase":"Running",{{{Statuses}}}}}""");

        Assert.Equal(["1/2", "Running"], ready[1..3]);
        Assert.Equal(["1/2", "NotReady"], notReady[1..3]);
    }

    [Fact]
    public void Print_DeletionTimestamp_IsTerminatingUnlessFinishedOrNodeLost()
    {
        var terminating = Cells(Printer, """{"metadata":{"name":"p","deletionTimestamp":"@now"},"spec":{"containers":[{"name":"c"}]},"status":{"phase":"Running"}}""");
        var finished = Cells(Printer, """{"metadata":{"name":"p","deletionTimestamp":"@now"},"spec":{"containers":[{"name":"c"}]},"status":{"phase":"Succeeded"}}""");
        var lost = Cells(Printer, """{"metadata":{"name":"p","deletionTimestamp":"@now"},"spec":{"containers":[{"name":"c"}]},"status":{"phase":"Running","reason":"NodeLost"}}""");

        Assert.Equal("Terminating", terminating[2]);
        Assert.Equal("Succeeded", finished[2]);
        Assert.Equal("Unknown", lost[2]);
    }

    [Fact]
    public void Print_Restarts_SumContainersAndShowTheLatestRestartAge()
    {
        var cells = Cells(Printer, """
            {"metadata":{"name":"p","creationTimestamp":"@1h"},"spec":{"containers":[{"name":"a"},{"name":"b"}]},"status":{"phase":"Running","containerStatuses":[
              {"name":"a","ready":true,"restartCount":2,"state":{"running":{}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"@5m"}}},
              {"name":"b","ready":true,"restartCount":1,"state":{"running":{}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"@1m"}}}]}}
            """);

        Assert.Equal(["p", "2/2", "Running", "3 (60s ago)", "60m"], cells[..5]);
    }

    [Fact]
    public void Print_FinishedPods_CarryTheCompletedRowCondition()
    {
        var succeeded = Row(Printer, """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]},"status":{"phase":"Succeeded"}}""");
        var running = Row(Printer, """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]},"status":{"phase":"Running"}}""");

        Assert.Equal(("Completed", "True", "Succeeded"), (succeeded.Conditions![0].Type, succeeded.Conditions[0].Status, succeeded.Conditions[0].Reason));
        Assert.Null(running.Conditions);
    }
}
