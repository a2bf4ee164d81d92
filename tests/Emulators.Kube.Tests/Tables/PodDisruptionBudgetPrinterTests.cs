using OrleansEci.Emulators.Kube.Tables.Printers;

using static OrleansEci.Emulators.Kube.Tests.Tables.PrinterAssert;

namespace OrleansEci.Emulators.Kube.Tests.Tables;

/// <summary><c>kubectl get pdb</c>: the bound that is set, N/A for the other, and the allowed disruptions.</summary>
public sealed class PodDisruptionBudgetPrinterTests
{
    [Theory]
    [InlineData("""{"minAvailable":2}""", "2", "N/A")]
    [InlineData("""{"maxUnavailable":"25%"}""", "N/A", "25%")]
    [InlineData("""{}""", "N/A", "N/A")]
    public void Print_Bounds_AsKubectlShowsThem(string spec, string min, string max)
    {
        var cells = Cells(new PodDisruptionBudgetPrinter(), $$$"""{"metadata":{"name":"web","creationTimestamp":"@5m"},"spec":{{{spec}}},"status":{"disruptionsAllowed":1}}""");

        Assert.Equal<object?>(["web", min, max, 1L, "5m"], cells);
    }
}
