using System.Diagnostics;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using OrleansEci.Grains.Diagnostics;

namespace OrleansEci.Silo.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser: Debian's headless chromium (installed by ./test.sh) driven by Playwright loads the
/// overview, searches a pod, opens its timeline and finds the throttled create, the retry and the Running status; then
/// the pods page with 10,000 rows, whose render time goes to the test log (no assertion on it). Screenshots of every
/// page are saved under the test output folder, <c>dashboard-screenshots/</c>, with the render times in
/// <c>pods-render-times.txt</c>.
/// </summary>
[Collection(SharedDashboard.Name)]
public sealed class DashboardBrowserTests(DashboardFixture fx)
{
    private const string Ns = "shop";
    private const int BulkPods = 10_000;

    /// <summary>Where the screenshots go: beside the test assembly.</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "dashboard-screenshots");

    [Fact]
    public async Task Browser_OverviewSearchTimelineAndTenThousandPods_ShowTheLifecycle()
    {
        string chromium = Chromium();
        await fx.AddFaultAsync(new { kind = "throttle", action = "CreateContainerGroup", count = 1 });
        await fx.CreatePodAsync(Ns, "cart", DashboardFixture.NodeI);
        await DashboardFixture.UntilAsync($"pod {Ns}/cart Running in its journal", () => fx.GetJsonOrNullAsync($"ui/api/pods/{Ns}/cart"),
            p => (string?)p?["summary"]?["phase"] == "Running", p => p?.ToJsonString() ?? "404");
        Directory.CreateDirectory(ScreenshotDirectory);
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshots: {ScreenshotDirectory}");

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox"], // tests run as root in CI
        });
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });

        await page.GotoAsync(new Uri(fx.SiloUri, "ui/").ToString());
        await page.Locator($"[data-node='{DashboardFixture.NodeI}']").WaitForAsync();
        await Expect(page.Locator("main"), "the overview", "Ready", "CreateContainerGroup", "Active");
        await Shot(page, "overview");

        await page.ClickAsync("nav a[data-page='pods']");
        await page.FillAsync("input[name='q']", "cart");
        await page.ClickAsync("#filters button[type='submit']");
        await page.Locator($"tr[data-pod='{Ns}/cart']").WaitForAsync();
        await Shot(page, "pods-search");

        await page.ClickAsync($"tr[data-pod='{Ns}/cart'] a");
        await page.Locator("#silo").WaitForAsync();
        await Expect(page.Locator("main"), $"pod {Ns}/cart's timeline", "CreateContainerGroup failed: Throttled", "Throttling: next attempt in",
            "CreateContainerGroup Ok", "Pod status written: Running", "Activated on silo");
        await Shot(page, "pod-detail", fullPage: true);

        await page.ClickAsync("nav a[data-page='zones']");
        await Expect(page.Locator("main"), "the zones page", "cn-hangzhou-h", "cn-hangzhou-i", "Placed");
        await Shot(page, "zones");

        await SeedBulkRowsAsync();
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(new Uri(fx.SiloUri, "ui/#/pods?ns=bulk").ToString());
        await Expect(page.Locator("#total"), "the pods page over the bulk namespace", $"{BulkPods} pod(s)");
        string first = $"Pods page with {BulkPods} pods: first page (100 rows) fetched and rendered in "
            + $"{await page.Locator("main").GetAttributeAsync("data-render-ms")} ms in the page; {watch.ElapsedMilliseconds} ms from navigation to visible.";
        await page.GotoAsync(new Uri(fx.SiloUri, "ui/#/pods?ns=bulk&skip=9900").ToString());
        await Expect(page.Locator("#pager"), "the last page of the bulk namespace", "9901–10000");
        string last = $"Pods page, last page of {BulkPods}: fetched and rendered in {await page.Locator("main").GetAttributeAsync("data-render-ms")} ms.";
        TestContext.Current.TestOutputHelper?.WriteLine(first);
        TestContext.Current.TestOutputHelper?.WriteLine(last);
        await File.WriteAllLinesAsync(Path.Combine(ScreenshotDirectory, "pods-render-times.txt"), [first, last], TestContext.Current.CancellationToken);
        await Shot(page, "pods-10000");
    }

    /// <summary>
    /// 10,000 rows in the pod index of node H through the same call pod grains make (no ECI groups behind them: this
    /// measures the list, not creation).
    /// </summary>
    private async Task SeedBulkRowsAsync()
    {
        var index = fx.Services.GetRequiredService<IGrainFactory>().GetGrain<IPodIndexGrain>(DashboardFixture.NodeH);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        string[] phases = ["Running", "Running", "Running", "Pending", "Failed"];
        for (int i = 0; i < BulkPods; i++)
        {
            string phase = phases[i % phases.Length];
            await index.Put(new PodSummary($"bulk/pod-{i:D5}", DashboardFixture.NodeH, phase == "Pending" ? "Creating" : "Created", phase, "cn-hangzhou-h",
                phase == "Pending" ? null : $"eci-bulk{i:D5}", 1, phase == "Failed" ? "ProviderCreateFailed" : null, now, now, "bulk"));
        }
    }

    private static async Task Expect(ILocator locator, string what, params string[] texts)
    {
        var watch = Stopwatch.StartNew();
        string seen = "";
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            seen = await locator.InnerTextAsync();
            if (texts.All(t => seen.Contains(t, StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"Expected {what} to show {string.Join(", ", texts.Select(t => $"'{t}'"))} within 30 s; missing {string.Join(", ", texts.Where(t => !seen.Contains(t, StringComparison.Ordinal)))}. It shows:\n{seen}");
    }

    private static async Task Shot(IPage page, string name, bool fullPage = false) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = fullPage });

    /// <summary><c>command -v chromium</c>: Playwright cannot download a browser here, so the Debian package's is driven.</summary>
    private static string Chromium()
    {
        string? found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "chromium")).FirstOrDefault(File.Exists);
        Assert.True(found is not null, "Expected the Debian package chromium on PATH for the dashboard's browser test; run ./test.sh, which installs it (apt-get install -y chromium).");
        return found!;
    }
}
