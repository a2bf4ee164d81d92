using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace OrleansEci.Silo.Tests.Dashboard;

/// <summary>
/// The runtime's /metrics: Prometheus text on the silo's HTTP port with the ECI calls by action and outcome, the pods
/// of each node by phase, the Kubernetes requests and the status lag, and values that move after calls; on the kubelet
/// port the same path is the kubelet API's and refuses anonymous callers.
/// </summary>
[Collection(SharedDashboard.Name)]
public sealed partial class RuntimeMetricsTests(DashboardFixture fx)
{
    private const string Ns = "dash-metrics";

    [Fact]
    public async Task Metrics_AfterACreate_CountTheCallByActionAndOutcomeAndThePodByPhase()
    {
        string before = await ScrapeAsync();
        double createsBefore = Value(before, "orleanseci_eci_calls", ("action", "CreateContainerGroup"), ("outcome", "Ok")) ?? 0;

        await fx.CreatePodAsync(Ns, "counted", DashboardFixture.NodeH);
        string after = await DashboardFixture.UntilAsync($"/metrics to count pod {Ns}/counted's create and a Running pod on {DashboardFixture.NodeH}",
            ScrapeAsync,
            text => Value(text, "orleanseci_eci_calls", ("action", "CreateContainerGroup"), ("outcome", "Ok")) > createsBefore
                && Value(text, "orleanseci_silo_node_pods", ("node", DashboardFixture.NodeH), ("phase", "Running")) >= 1
                && Value(text, "orleanseci_runtime_pod_status_lag_count") >= 1,
            text => text);

        Assert.True(Value(after, "orleanseci_eci_call_duration_count", ("action", "CreateContainerGroup"), ("outcome", "Ok")) >= 1,
            $"Expected the create's latency in orleanseci_eci_call_duration; /metrics:\n{after}");
        Assert.True(Value(after, "orleanseci_silo_kubernetes_requests", ("kind", "write")) >= 1, $"Expected Kubernetes writes counted; /metrics:\n{after}");
        Assert.True(Value(after, "orleanseci_runtime_pod_status_lag_count") >= 1, $"Expected status writes with their lag; /metrics:\n{after}");
        Assert.True(Value(after, "orleanseci_silo_node_ready", ("node", DashboardFixture.NodeI)) == 1, $"Expected node I ready; /metrics:\n{after}");
        Assert.Contains("# TYPE orleanseci_eci_calls gauge", after, StringComparison.Ordinal); // prometheus-net exports .NET counters as gauges
    }

    [Fact]
    public async Task KubeletMetrics_Anonymous_Unauthorized()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(new Uri(fx.KubeletUri, "metrics"), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized,
            $"Expected the kubelet port's /metrics to refuse an anonymous caller with 401 (it needs nodes/metrics); it answered {(int)response.StatusCode}");
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await fx.Http.GetAsync(new Uri(fx.SiloUri, "metrics"), TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/plain",
            $"Expected /metrics to answer 200 text/plain; it answered {(int)response.StatusCode} {response.Content.Headers.ContentType}");
        return text;
    }

    /// <summary>The sample of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>, or null.</summary>
    private static double? Value(string exposition, string name, params (string Key, string Value)[] labels)
    {
        foreach (Match m in Sample().Matches(exposition))
        {
            string labelText = m.Groups["labels"].Value;
            if (m.Groups["name"].Value == name && labels.All(l => labelText.Contains($"{l.Key}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
