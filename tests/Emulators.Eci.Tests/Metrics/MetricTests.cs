using System.Text.Json;

using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Metrics;

/// <summary>Metric series: shape, windows and plausibility (usage within the spec's limits).</summary>
public sealed class MetricTests
{
    [Fact]
    public async Task Metric_NoTimes_ReturnsLastFiveMinutesAtFifteenSeconds()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web");
        eci.Advance(TimeSpan.FromMinutes(10));
        EciResponse r = (await eci.Client.CallAsync("DescribeContainerGroupMetric", new Dictionary<string, string> { ["ContainerGroupId"] = id })).EnsureOk();
        JsonElement records = r["Records"];
        Assert.Equal(21, records.GetArrayLength());
        JsonElement last = records[20];
        Assert.Equal("2026-01-01T00:10:00Z", last.GetProperty("Timestamp").GetString());
        long limit = last.GetProperty("CPU").GetProperty("Limit").GetInt64();
        long load = last.GetProperty("CPU").GetProperty("Load").GetInt64();
        Assert.Equal(2000, limit);
        Assert.InRange(load, 1, limit);
        long working = last.GetProperty("Memory").GetProperty("WorkingSet").GetInt64();
        Assert.InRange(working, 1, 4L * 1024 * 1024 * 1024);
        Assert.True(last.GetProperty("Disk")[0].TryGetProperty("ReadIO", out _), $"Single-group metrics spell ReadIO: {last}");
        Assert.Equal("app", last.GetProperty("Containers")[0].GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Metric_PeriodSixty_ReturnsOneRecordPerMinute()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web");
        eci.Advance(TimeSpan.FromMinutes(30));
        EciResponse r = (await eci.Client.CallAsync("DescribeContainerGroupMetric", new Dictionary<string, string>
        {
            ["ContainerGroupId"] = id, ["StartTime"] = "2026-01-01T00:10:00Z", ["EndTime"] = "2026-01-01T00:20:00Z", ["Period"] = "60",
        })).EnsureOk();
        Assert.Equal(11, r["Records"].GetArrayLength());
        (await eci.Client.CallAsync("DescribeContainerGroupMetric", new Dictionary<string, string> { ["ContainerGroupId"] = id, ["Period"] = "7" })).AssertError(400, "InvalidParameter");
    }

    [Fact]
    public async Task MultiMetric_KnownAndUnknownIds_ReturnsKnownWithReadIoSpelling()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string a = await eci.CreateAsync("web-a");
        string b = await eci.CreateAsync("web-b");
        eci.Advance(TimeSpan.FromMinutes(1));
        EciResponse r = (await eci.Client.CallAsync("DescribeMultiContainerGroupMetric", new Dictionary<string, string>
        {
            ["ContainerGroupIds"] = $"[\"{a}\",\"{b}\",\"eci-unknown\"]", ["MetricType"] = "summary",
        })).EnsureOk();
        JsonElement data = r["MonitorDatas"];
        Assert.Equal(2, data.GetArrayLength());
        Assert.True(data[0].GetProperty("Records")[0].GetProperty("Disk")[0].TryGetProperty("ReadIo", out _), $"Multi-group metrics spell ReadIo: {data[0]}");
    }

    [Fact]
    public async Task Events_ForGroup_ListsKubernetesShapedEventsFilteredBySource()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        string id = await eci.CreateAsync("web");
        eci.Advance(TimeSpan.FromSeconds(5));
        EciResponse all = (await eci.Client.CallAsync("DescribeContainerGroupEvents", new Dictionary<string, string> { ["ContainerGroupIds"] = $"[\"{id}\"]" })).EnsureOk();
        JsonElement events = all["Data"][0].GetProperty("Events");
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("Reason").GetString() == "Started" && e.GetProperty("involvedObject").GetProperty("Uid").GetString() == id);
        EciResponse service = (await eci.Client.CallAsync("DescribeContainerGroupEvents", new Dictionary<string, string>
        {
            ["ContainerGroupIds"] = $"[\"{id}\"]", ["EventSource"] = "EciService",
        })).EnsureOk();
        Assert.All(service["Data"][0].GetProperty("Events").EnumerateArray(), e => Assert.Equal("EciService", e.GetProperty("Source").GetProperty("Component").GetString()));
    }

    [Fact]
    public async Task ListUsage_AfterCreates_ReportsUsedCpuAgainstQuota()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        await eci.CreateAsync("web", extra: new Dictionary<string, string> { ["Cpu"] = "4", ["Memory"] = "8" });
        EciResponse r = (await eci.Client.CallAsync("ListUsage")).EnsureOk();
        Assert.Equal(4, r["Attributes"].GetProperty("UsedCpu").GetDouble());
        Assert.Equal(10000, r["Attributes"].GetProperty("MaxCpu").GetDouble());
    }
}
