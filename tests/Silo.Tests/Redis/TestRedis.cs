using System.Net;
using System.Net.Sockets;

using StackExchange.Redis;

namespace OrleansEci.Silo.Tests.Redis;

/// <summary>
/// The redis-server that <c>./test.sh</c> (the README's test command) starts, at <c>ORLEANS_ECI_TEST_REDIS</c>. Tests
/// that need it fail, never skip, when it is absent: a Redis-backed cluster that CI stopped testing is worse than a red run.
/// Each test uses its own ServiceId, so tests share the server without seeing each other's keys.
/// </summary>
internal static class TestRedis
{
    public const string Variable = "ORLEANS_ECI_TEST_REDIS";

    /// <summary>The server's <c>host:port</c>, or a failed test saying how to get one.</summary>
    public static string ConnectionString
    {
        get
        {
            string? value = Environment.GetEnvironmentVariable(Variable);
            Assert.False(string.IsNullOrWhiteSpace(value),
                $"{Variable} is not set, so there is no Redis for the Redis-backed cluster tests. Run the tests with ./test.sh "
                + $"(it starts redis-server on 127.0.0.1:6390, installing it if missing), or start one and set {Variable}=host:port.");
            return value!;
        }
    }

    /// <summary>A fresh id per test: the ServiceId prefixes every key the providers write (orleans-redis.md §4).</summary>
    public static string NewServiceId(string test) => $"test-{test}-{Guid.NewGuid():N}"[..40];

    public static async Task<ConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(ConnectionString);

    /// <summary>Every key under <paramref name="serviceId"/>.</summary>
    public static RedisKey[] Keys(ConnectionMultiplexer redis, string serviceId) =>
        [.. redis.GetServer(redis.GetEndPoints().Single()).Keys(pattern: serviceId + "/*")];

    public static async Task DeleteAsync(ConnectionMultiplexer redis, string serviceId) =>
        await redis.GetDatabase().KeyDeleteAsync(Keys(redis, serviceId));

    /// <summary>A free TCP port on 127.0.0.1 for a silo or gateway endpoint.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
