using System.Globalization;
using System.Text.Json.Nodes;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using Orleans.Storage;

using OrleansEci.Grains.Pods;
using OrleansEci.Grains.Pods.Lifecycle;
using OrleansEci.Silo.Hosting;

using StackExchange.Redis;

namespace OrleansEci.Silo.Tests.Redis;

/// <summary><c>UseConfiguredClustering</c> against the real redis-server: membership row, state format, start-up errors.</summary>
public sealed class ClusteringSiloBuilderExtensionsTests
{
    private static IHost BuildSilo(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.UseConfiguredClustering(builder.Configuration));
        return builder.Build();
    }

    private static Dictionary<string, string?> RedisSettings(string serviceId, int siloPort) => new()
    {
        ["Orleans:ClusteringMode"] = "Redis",
        ["Orleans:Redis:ConnectionString"] = TestRedis.ConnectionString,
        ["Orleans:ServiceId"] = serviceId,
        ["Orleans:ClusterId"] = "c1",
        ["Orleans:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        ["Orleans:GatewayPort"] = TestRedis.FreePort().ToString(CultureInfo.InvariantCulture),
        ["POD_IP"] = "127.0.0.1",
        ["POD_NAME"] = "orleans-eci-0",
    };

    [Fact]
    public async Task UseConfiguredClustering_Redis_SiloJoinsAsActiveAndLeavesAsDead()
    {
        string serviceId = TestRedis.NewServiceId("membership");
        int siloPort = TestRedis.FreePort();
        await using var redis = await TestRedis.ConnectAsync();
        try
        {
            using var host = BuildSilo(RedisSettings(serviceId, siloPort));
            await host.StartAsync(TestContext.Current.CancellationToken);

            var row = await MemberRowAsync(redis, serviceId, siloPort);
            Assert.True(row["Status"]!.GetValue<int>() == 3, $"Expected the silo on 127.0.0.1:{siloPort} Active (3) in {serviceId}/members/c1; row: {row}");
            Assert.Equal("orleans-eci-0", row["SiloName"]!.GetValue<string>());

            await host.StopAsync(TestContext.Current.CancellationToken);
            row = await MemberRowAsync(redis, serviceId, siloPort);
            Assert.True(row["Status"]!.GetValue<int>() == 6, $"Expected the stopped silo marked Dead (6) in {serviceId}/members/c1; row: {row}");
        }
        finally
        {
            await TestRedis.DeleteAsync(redis, serviceId);
        }
    }

    [Fact]
    public async Task UseConfiguredClustering_Redis_PodStateStoredAsPlainJsonAndReadBack()
    {
        string serviceId = TestRedis.NewServiceId("state");
        await using var redis = await TestRedis.ConnectAsync();
        try
        {
            using var host = BuildSilo(RedisSettings(serviceId, TestRedis.FreePort()));
            await host.StartAsync(TestContext.Current.CancellationToken);
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(ClusteringSiloBuilderExtensions.PodStorage);
            var grainId = GrainId.Create("pod", "default/web-1");
            var record = new PodRecord
            {
                Uid = "0b6c-uid", NodeName = "virtual-kubelet-cn-hangzhou-h", Stage = PodStage.Created, ContainerGroupId = "eci-2ze1",
                ClientToken = "tok-1", Generation = 2, NextAttemptAt = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero),
            };

            await storage.WriteStateAsync("pod", grainId, new GrainState<PodRecord>(record));

            var key = Assert.Single(TestRedis.Keys(redis, serviceId), k => k.ToString().Contains("/state/", StringComparison.Ordinal));
            string data = (await redis.GetDatabase().HashGetAsync(key, "data")).ToString();
            var json = JsonNode.Parse(data)!.AsObject();
            Assert.True(!data.Contains("$type", StringComparison.Ordinal) && json["Uid"]?.GetValue<string>() == "0b6c-uid",
                $"Expected pod default/web-1's record as plain System.Text.Json (no $type) with its Uid; stored at {key}: {data}");

            var read = new GrainState<PodRecord>();
            await storage.ReadStateAsync("pod", grainId, read);
            Assert.True(read.RecordExists, $"Expected pod default/web-1's record to be read back from {key}");
            Assert.NotNull(read.State);
            Assert.Equal((record.Uid, record.Stage, record.ContainerGroupId, record.ClientToken, record.Generation, record.NextAttemptAt),
                (read.State.Uid, read.State.Stage, read.State.ContainerGroupId, read.State.ClientToken, read.State.Generation, read.State.NextAttemptAt));
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            await TestRedis.DeleteAsync(redis, serviceId);
        }
    }

    [Fact]
    public void UseConfiguredClustering_RedisHalfConfigured_StopsStartUpWithEveryFix()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BuildSilo(new() { ["Orleans:ClusteringMode"] = "Redis", ["Orleans:SiloPort"] = "x" }));

        Assert.Contains("Orleans:SiloPort 'x' is not a TCP port", error.Message, StringComparison.Ordinal);
        Assert.Contains("Set POD_IP", error.Message, StringComparison.Ordinal);
        Assert.Contains("Orleans:Redis:ConnectionString is empty", error.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> MemberRowAsync(ConnectionMultiplexer redis, string serviceId, int siloPort)
    {
        var fields = await redis.GetDatabase().HashGetAllAsync($"{serviceId}/members/c1");
        var row = fields.SingleOrDefault(f => f.Name.ToString().StartsWith($"S127.0.0.1:{siloPort}:", StringComparison.Ordinal));
        Assert.True(row.Name.HasValue, $"Expected a membership row for 127.0.0.1:{siloPort} in {serviceId}/members/c1; fields: {string.Join(", ", fields.Select(f => f.Name))}");
        return JsonNode.Parse(row.Value.ToString())!.AsObject();
    }
}
