using OrleansEci.Emulators.Kube.Tables.Printers;

using static OrleansEci.Emulators.Kube.Tests.Tables.PrinterAssert;

namespace OrleansEci.Emulators.Kube.Tests.Tables;

/// <summary>Nodes, services and events: the printers' less obvious branches.</summary>
public sealed class KindPrinterTests
{
    [Fact]
    public void Node_NoReadyCondition_IsUnknownAndRolesAreSorted()
    {
        var cells = Cells(new NodePrinter(), """
            {"metadata":{"name":"n","labels":{"node-role.kubernetes.io/worker":"","node-role.kubernetes.io/":"x","kubernetes.io/role":"agent"}},"spec":{"unschedulable":true},
             "status":{"addresses":[{"type":"ExternalIP","address":"1.2.3.4"}]}}
            """);

        Assert.Equal<object?>(["n", "Unknown,SchedulingDisabled", "agent,worker"], cells[..3]);
        Assert.Equal<object?>(["<none>", "1.2.3.4"], cells[5..7]);
    }

    [Theory]
    [InlineData("""{"type":"LoadBalancer","clusterIPs":["10.96.0.9"],"ports":[{"port":443,"nodePort":30443,"protocol":"TCP"}]}""", "{}", "<pending>", "443:30443/TCP")]
    [InlineData("""{"type":"LoadBalancer","clusterIPs":["10.96.0.9"],"externalIPs":["9.9.9.9"]}""",
        """{"loadBalancer":{"ingress":[{"ip":"8.8.8.8"},{"hostname":"lb.example.com"}]}}""", "8.8.8.8,lb.example.com,9.9.9.9", "<none>")]
    [InlineData("""{"type":"ExternalName","externalName":"db.example.com"}""", "{}", "db.example.com", "<none>")]
    public void Service_Types_PrintExternalIpAndPorts(string spec, string status, string externalIp, string ports)
    {
        var cells = Cells(new ServicePrinter(), $$$"""{"metadata":{"name":"s"},"spec":{{{spec}}},"status":{{{status}}}}""");

        Assert.Equal<object?>([externalIp, ports], cells[3..5]);
    }

    [Fact]
    public void Event_NewApiSingleton_CountsOneAndUsesEventTimeAndReportingController()
    {
        var cells = Cells(new EventPrinter(), """
            {"metadata":{"name":"e"},"involvedObject":{"kind":"Node","name":""},"reason":"Starting","message":" started \n","type":"Normal",
             "eventTime":"2026-11-26T07:54:59.500000Z","reportingComponent":"eci-controller","reportingInstance":"silo-0"}
            """);

        Assert.Equal<object?>(["5m", "Normal", "Starting", "node", "", "eci-controller, silo-0", "started", "5m", 1L, "e"], cells);
    }

    [Fact]
    public void Event_Series_TakesLastTimeAndCountFromTheSeries()
    {
        var cells = Cells(new EventPrinter(), """
            {"metadata":{"name":"e"},"involvedObject":{"kind":"Pod","name":"p"},"type":"Warning","reason":"BackOff","count":2,
             "firstTimestamp":"@1h","lastTimestamp":"@5m","series":{"count":7,"lastObservedTime":"2026-11-26T07:59:00.000000Z"}}
            """);

        Assert.Equal<object?>(["60s", "Warning", "BackOff", "pod/p"], cells[..4]);
        Assert.Equal<object?>(["60m", 7L], cells[7..9]);
    }
}
