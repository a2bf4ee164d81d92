using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using OrleansEci.Spdy.RemoteCommand;

namespace OrleansEci.Spdy.Tests.Support;

/// <summary>
/// One Kestrel server playing both roles of a real cluster: a kubelet at <c>/exec/{ns}/{pod}/{container}</c> that
/// runs <see cref="UpperCaseCommand"/>, and an API server at <c>/api/v1/namespaces/{ns}/pods/{pod}/exec</c> that
/// accepts WebSocket or SPDY from clients and dials the kubelet over SPDY, bridging the two (KEP-4006).
/// </summary>
internal static class ExecTestServer
{
    public static Task<TestWebServer> StartAsync() => TestWebServer.StartAsync(app =>
    {
        app.MapMethods("/exec/{ns}/{pod}/{container}", ["GET", "POST"], async (HttpContext context, string container) =>
        {
            var request = RemoteCommandRequest.FromKubeletQuery(context.Request.Query, container);
            await using var streams = await RemoteCommandServer.AcceptAsync(context, request);
            if (streams is not null)
            {
                await UpperCaseCommand.RunAsync(streams, context.RequestAborted);
            }
        });

        app.MapMethods("/api/v1/namespaces/{ns}/pods/{pod}/exec", ["GET", "POST"], async (HttpContext context, string ns, string pod) =>
        {
            var request = RemoteCommandRequest.FromApiQuery(context.Request.Query);
            await using var inbound = await RemoteCommandServer.AcceptAsync(context, request);
            if (inbound is null)
            {
                return;
            }

            var self = $"{context.Request.Scheme}://{context.Request.Host}";
            var kubelet = new Uri($"{self}/exec/{ns}/{pod}/{request.Container}{request.ToKubeletQueryString()}");
            await using var outbound = await SpdyRemoteCommandClient.ConnectAsync(kubelet, request, cancellationToken: context.RequestAborted);
            await RemoteCommandBridge.RunAsync(inbound, outbound, cancellationToken: context.RequestAborted);
        });
    });
}
