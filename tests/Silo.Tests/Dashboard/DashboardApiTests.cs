using System.Net;
using System.Text.Json.Nodes;

namespace OrleansEci.Silo.Tests.Dashboard;

/// <summary>
/// The read-only JSON under /ui/api with a populated runtime: a pod whose first create ECI throttled (and the grain
/// retried), a pod that ran at once, their rows, journals and the overview; malformed queries are refused.
/// </summary>
[Collection(SharedDashboard.Name)]
public sealed class DashboardApiTests(DashboardFixture fx)
{
    private const string Ns = "dash-api";

    [Fact]
    public async Task PodJournal_CreateThrottledThenRetried_ShowsFailedCallRetryAndRunning()
    {
        await fx.AddFaultAsync(new { kind = "throttle", action = "CreateContainerGroup", count = 1 });
        await fx.CreatePodAsync(Ns, "flaky", DashboardFixture.NodeH);

        JsonNode pod = (await DashboardFixture.UntilAsync($"pod {Ns}/flaky Running in its journal",
            () => fx.GetJsonOrNullAsync($"ui/api/pods/{Ns}/flaky"), p => (string?)p?["summary"]?["phase"] == "Running", p => p?.ToJsonString() ?? "404"))!;

        var entries = pod["entries"]!.AsArray().Select(e => e!).ToList();
        string timeline = string.Join("\n", entries.Select(e => $"{e["kind"]} {e["summary"]} outcome={e["outcome"]} requestId={e["requestId"]}"));
        var creates = entries.Where(e => (string?)e["kind"] == "EciCall" && (string?)e["action"] == "CreateContainerGroup").ToList();
        Assert.True(creates.Count >= 2 && (string?)creates[0]["outcome"] == "Throttled" && (string?)creates[^1]["outcome"] == "Ok",
            $"Expected pod {Ns}/flaky's journal to show a throttled CreateContainerGroup, then one that succeeded; it shows:\n{timeline}");
        Assert.True(creates.All(c => !string.IsNullOrEmpty((string?)c["requestId"])) && creates.All(c => c["latencyMs"] is not null),
            $"Expected every ECI call in pod {Ns}/flaky's journal to carry ECI's RequestId and its latency:\n{timeline}");
        Assert.True(entries.Any(e => (string?)e["kind"] == "Retry" && ((string?)e["summary"])!.StartsWith("Throttling", StringComparison.Ordinal)),
            $"Expected a Throttling retry in pod {Ns}/flaky's journal:\n{timeline}");
        Assert.True(entries.Any(e => (string?)e["kind"] == "KubernetesWrite" && ((string?)e["summary"])!.Contains("Running", StringComparison.Ordinal)),
            $"Expected the Running status write in pod {Ns}/flaky's journal:\n{timeline}");
        Assert.True(entries.Any(e => (string?)e["kind"] == "Activation") && !string.IsNullOrEmpty((string?)pod["summary"]!["silo"]),
            $"Expected pod {Ns}/flaky's owning silo and its activation in the journal; summary {pod["summary"]!.ToJsonString()}");
        Assert.Equal(2, (int)pod["summary"]!["attempts"]!);
        Assert.Contains("\"Status\"", (string?)pod["eciView"] ?? "", StringComparison.Ordinal);
        Assert.Contains("Running", (string?)pod["kubernetesStatus"] ?? "", StringComparison.Ordinal);
    }

    /// <summary>
    /// A spot pod that lists zone j's vSwitch before zone i's while zone j is sold out: its journal shows both zone
    /// decisions (j refused, then i), and after ECI's spot release notice the notice and the SpotToBeReleased event.
    /// </summary>
    [Fact]
    public async Task PodJournal_ZoneFailoverThenSpotNotice_ShowsTheDecisionsAndTheNotice()
    {
        string vswJ = fx.VSwitchOf("cn-hangzhou-j"), vswI = fx.VSwitchOf("cn-hangzhou-i");
        await fx.ControlAsync(HttpMethod.Put, "stock", new { zoneId = "cn-hangzhou-j", spec = "*", stock = 0 });
        await fx.CreatePodAsync(Ns, "spotty", DashboardFixture.NodeI, new Dictionary<string, string>
        {
            ["k8s.aliyun.com/eci-vswitch"] = $"{vswJ},{vswI}",
            ["k8s.aliyun.com/eci-schedule-strategy"] = "VSwitchOrdered",
            ["k8s.aliyun.com/eci-spot-strategy"] = "SpotAsPriceGo",
        });
        JsonNode pod = (await DashboardFixture.UntilAsync($"pod {Ns}/spotty Running in its journal",
            () => fx.GetJsonOrNullAsync($"ui/api/pods/{Ns}/spotty"), p => (string?)p?["summary"]?["phase"] == "Running", p => p?.ToJsonString() ?? "404"))!;
        static string Timeline(JsonNode p) => string.Join("\n", p["entries"]!.AsArray().Select(e => $"{e!["kind"]} {e["summary"]} | {e["detail"]}"));
        var decisions = pod["entries"]!.AsArray().Where(e => (string?)e!["kind"] == "Decision").Select(e => (string)e!["summary"]!).ToList();
        Assert.True(decisions.Any(d => d.Contains("refused (OperationDenied.NoStock)", StringComparison.Ordinal)) && decisions.Any(d => d.StartsWith("Create in", StringComparison.Ordinal)),
            $"Expected pod {Ns}/spotty's journal to show the sold-out zone refusing and the next choice; it shows:\n{Timeline(pod)}");

        string group = (string)pod["summary"]!["containerGroupId"]!;
        await fx.ControlAsync(HttpMethod.Post, $"groups/{group}/reclaim");
        pod = (await DashboardFixture.UntilAsync($"pod {Ns}/spotty's journal to show the spot release notice",
            () => fx.GetJsonOrNullAsync($"ui/api/pods/{Ns}/spotty"),
            p => p?["entries"]?.AsArray().Any(e => (string?)e!["kind"] == "Decision" && (string?)e["summary"] == "Spot instance to be released") == true,
            p => p is null ? "404" : Timeline(p)))!;
        Assert.True(pod["entries"]!.AsArray().Any(e => (string?)e!["kind"] == "Event" && ((string?)e["summary"])!.Contains("SpotToBeReleased", StringComparison.Ordinal)),
            $"Expected ECI's SpotToBeReleased event in pod {Ns}/spotty's journal:\n{Timeline(pod)}");
    }

    [Fact]
    public async Task Pods_SearchAndFilters_FindTheRowsServerSide()
    {
        await fx.CreatePodAsync(Ns, "web-a", DashboardFixture.NodeH);
        await fx.CreatePodAsync(Ns, "web-b", DashboardFixture.NodeI);

        JsonNode both = await DashboardFixture.UntilAsync($"pods {Ns}/web-a and web-b Running in the pod list",
            () => fx.GetJsonAsync($"ui/api/pods?ns={Ns}&q=web-&phase=Running"), p => (int)p["total"]! == 2, p => p.ToJsonString());
        Assert.Equal([$"{Ns}/web-a", $"{Ns}/web-b"], both["rows"]!.AsArray().Select(r => (string)r!["key"]!));

        JsonNode onI = await fx.GetJsonAsync($"ui/api/pods?ns={Ns}&q=web-&node={DashboardFixture.NodeI}");
        Assert.True((int)onI["total"]! == 1 && (string?)onI["rows"]![0]!["zone"] == "cn-hangzhou-i",
            $"Expected only {Ns}/web-b, in zone cn-hangzhou-i, on node {DashboardFixture.NodeI}; got {onI.ToJsonString()}");

        JsonNode paged = await fx.GetJsonAsync($"ui/api/pods?ns={Ns}&q=web-&skip=1&take=1");
        Assert.True((int)paged["total"]! == 2 && paged["rows"]!.AsArray().Count == 1 && (string?)paged["rows"]![0]!["key"] == $"{Ns}/web-b",
            $"Expected the second page of one row to hold {Ns}/web-b; got {paged.ToJsonString()}");

        JsonNode none = await fx.GetJsonAsync($"ui/api/pods?ns={Ns}&q=web-&errors=true");
        Assert.True((int)none["total"]! == 0, $"Expected no web- pod with a current error; got {none.ToJsonString()}");
    }

    [Fact]
    public async Task Overview_AfterCreates_ShowsNodesPhasesSilosAndEciCalls()
    {
        await fx.CreatePodAsync(Ns, "overview-pod", DashboardFixture.NodeI);
        await DashboardFixture.UntilAsync($"pod {Ns}/overview-pod Running", () => fx.GetJsonAsync($"ui/api/pods?ns={Ns}&q=overview-pod&phase=Running"),
            p => (int)p["total"]! == 1, p => p.ToJsonString()); // its create must be over before another test arms a fault
        JsonNode overview = await DashboardFixture.UntilAsync("the overview to count a Running pod on node I and a CreateContainerGroup call",
            () => fx.GetJsonAsync("ui/api/overview"),
            o => o["nodes"]!.AsArray().Any(n => (string?)n!["name"] == DashboardFixture.NodeI && ((int?)n["podsByPhase"]?["Running"] ?? 0) >= 1)
                && o["eci"]!["actions"]!.AsArray().Any(a => (string?)a!["action"] == "CreateContainerGroup" && (long)a["calls"]! >= 1)
                && (long)o["statusLag"]!["writes"]! >= 1,
            o => o.ToJsonString());

        var nodes = overview["nodes"]!.AsArray().Select(n => n!).ToList();
        Assert.True(nodes.Count == 2 && nodes.All(n => (bool)n["ready"]! && (bool)n["registered"]!),
            $"Expected both virtual nodes registered and Ready in the overview; got {overview["nodes"]!.ToJsonString()}");
        Assert.True(overview["silos"]!.AsArray().Any(s => (string?)s!["status"] == "Active"), $"Expected an Active silo; got {overview["silos"]!.ToJsonString()}");
        Assert.Equal("/dashboard/", (string?)overview["orleansDashboard"]);
        Assert.True((long)overview["statusLag"]!["writes"]! >= 1, $"Expected status writes with their lag in the overview; got {overview["statusLag"]!.ToJsonString()}");
    }

    [Theory]
    [InlineData("ui/api/pods?skip=-1", HttpStatusCode.BadRequest)]
    [InlineData("ui/api/pods?take=lots", HttpStatusCode.BadRequest)]
    [InlineData("ui/api/pods?take=100000", HttpStatusCode.BadRequest)]
    [InlineData("ui/api/pods?stuckMinutes=1.5", HttpStatusCode.BadRequest)]
    [InlineData("ui/api/pods?node=no-such-node", HttpStatusCode.NotFound)]
    [InlineData("ui/api/pods/dash-api/never-created", HttpStatusCode.NotFound)]
    [InlineData("ui/no-such-page.html", HttpStatusCode.NotFound)]
    [InlineData("ui/api.exe", HttpStatusCode.NotFound)]
    public async Task Api_MalformedOrUnknown_RefusedWithAReason(string path, HttpStatusCode expected)
    {
        using var response = await fx.Http.GetAsync(new Uri(fx.SiloUri, path), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"Expected GET {path} to answer {(int)expected}; it answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    [Theory]
    [InlineData("ui", "text/html")]
    [InlineData("ui/", "text/html")]
    [InlineData("ui/app.js", "text/javascript")]
    [InlineData("ui/app.css", "text/css")]
    public async Task Pages_EmbeddedAssets_ServedWithTheirType(string path, string mediaType)
    {
        using var response = await fx.Http.GetAsync(new Uri(fx.SiloUri, path), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == mediaType,
            $"Expected GET {path} to answer 200 {mediaType}; it answered {(int)response.StatusCode} {response.Content.Headers.ContentType}");
    }

    [Fact]
    public async Task Zones_AfterCreatesInBothZones_ShowEachZoneGrainsKnowledge()
    {
        await fx.CreatePodAsync(Ns, "zoned-h", DashboardFixture.NodeH);
        await fx.CreatePodAsync(Ns, "zoned-i", DashboardFixture.NodeI);
        await DashboardFixture.UntilAsync($"pods {Ns}/zoned-h and zoned-i Running", () => fx.GetJsonAsync($"ui/api/pods?ns={Ns}&q=zoned-&phase=Running"),
            p => (int)p["total"]! == 2, p => p.ToJsonString());

        JsonNode zones = await DashboardFixture.UntilAsync("both zones to know of a group placed on their vSwitch", () => fx.GetJsonAsync("ui/api/zones"),
            z => z["zones"]!.AsArray().Count(x => x!["facts"]!.AsArray().Any(f => (string?)f!["kind"] == "Placed")) == 2, z => z.ToJsonString());
        Assert.True((bool)zones["tracked"]!);
        Assert.Equal(["cn-hangzhou-h", "cn-hangzhou-i"], zones["zones"]!.AsArray().Select(z => (string)z!["zone"]!).Order(StringComparer.Ordinal));
        Assert.True(zones["zones"]!.AsArray().All(z => z!["problem"] is null), $"Expected every zone grain to answer; got {zones.ToJsonString()}");
    }
}
