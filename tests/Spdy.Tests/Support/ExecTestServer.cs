using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        KubectlApiEndpoints.Map(app);
        app.MapMethods("/exec/{ns}/{pod}/{container}", ["GET", "POST"], async (HttpContext context, string container) =>
        {
            var request = RemoteCommandRequest.FromKubeletQuery(context.Request.Query, container);
            await using var streams = await RemoteCommandServer.AcceptAsync(context, request, logger: Logger(context, "kubelet"));
            if (streams is not null)
            {
                await UpperCaseCommand.RunAsync(streams, context.RequestAborted);
            }
        });

        app.MapMethods("/api/v1/namespaces/{ns}/pods/{pod}/exec", ["GET", "POST"], async (HttpContext context, string ns, string pod) =>
        {
            var request = RemoteCommandRequest.FromApiQuery(context.Request.Query);
            var logger = Logger(context, "apiserver");
            await using var inbound = await RemoteCommandServer.AcceptAsync(context, request, logger: logger);
            if (inbound is null)
            {
                return;
            }

            context.RequestServices.GetRequiredService<RecordingLoggerProvider>().Entries.Enqueue(
                $"exec accepted over {(context.WebSockets.IsWebSocketRequest ? "websocket" : "spdy")} {inbound.Protocol}");

            // A pod named "gone" has no kubelet route, so dialing it fails the way a missing kubelet would.
            var self = $"{context.Request.Scheme}://{context.Request.Host}";
            var path = pod == "gone" ? "/no-such-kubelet-route" : $"/exec/{ns}/{pod}/{request.Container}";
            var kubelet = new Uri($"{self}{path}{request.ToKubeletQueryString()}");
            await RemoteCommandBridge.RunAsync(
                inbound,
                async ct => await SpdyRemoteCommandClient.ConnectAsync(kubelet, request, logger: logger, cancellationToken: ct),
                logger,
                context.RequestAborted);
        });
    });

    private static ILogger Logger(HttpContext context, string name) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(name);
}
