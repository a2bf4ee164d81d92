using System.Net;

using Microsoft.AspNetCore.Http;

using OrleansEci.Silo.Dashboard;

namespace OrleansEci.Silo.Tests.Dashboard;

/// <summary>The dashboard answers loopback only unless the operator allows remote callers.</summary>
public sealed class LoopbackOnlyFilterTests
{
    [Theory]
    [InlineData("127.0.0.1", false, 200)]
    [InlineData("::1", false, 200)]
    [InlineData("10.1.2.3", false, 403)]
    [InlineData("192.168.0.7", false, 403)]
    [InlineData("10.1.2.3", true, 200)]
    public async Task Invoke_RemoteAddress_PassesOnlyLoopbackUnlessAllowed(string remote, bool allowRemote, int expected)
    {
        var http = new DefaultHttpContext { RequestServices = new EmptyServices() };
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        object? result = await new LoopbackOnlyFilter(allowRemote).InvokeAsync(new DefaultEndpointFilterInvocationContext(http),
            _ => ValueTask.FromResult<object?>(Results.Ok()));

        int status = result is IStatusCodeHttpResult s ? s.StatusCode ?? 200 : 200;
        Assert.True(status == expected, $"Expected a dashboard request from {remote} (AllowRemote={allowRemote}) to get {expected}; it got {status}.");
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
