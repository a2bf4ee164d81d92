using System.Net.WebSockets;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OrleansEci.Eci;
using OrleansEci.Eci.Errors;
using OrleansEci.Eci.Exec;
using OrleansEci.KubeletApi.Errors;
using OrleansEci.KubeletApi.Pods;
using OrleansEci.Spdy.RemoteCommand;

namespace OrleansEci.KubeletApi.Exec;

/// <summary>
/// <c>GET|POST /exec/{ns}/{pod}[/{uid}]/{container}?command=..&amp;input=1&amp;output=1&amp;error=1&amp;tty=1</c>, over
/// SPDY/3.1 (what kube-apiserver dials) or WebSocket (v5, v4, base64), whichever the caller asks for. Everything that can
/// be refused is checked before the upgrade, so the caller gets an HTTP error with a metav1.Status (client-go turns its
/// message into what kubectl prints): streams, ECI's command limits, pod, uid, container, group, a container that is not
/// running, then ExecContainerCommand itself and the connection to its WebSocket. After the upgrade,
/// <see cref="EciExecBridge"/> carries the session and the exit status.
/// </summary>
internal static class ExecEndpoint
{
    private const string LoggerName = "OrleansEci.KubeletApi.Exec";

    /// <summary>How long the connection to ECI's exec WebSocket may take: the WebSocketUri's lifetime.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    public static Task HandleAsync(HttpContext context, string ns, string pod, string container) =>
        ServeAsync(context, ns, pod, uid: null, container);

    public static Task HandleWithUidAsync(HttpContext context, string ns, string pod, string uid, string container) =>
        ServeAsync(context, ns, pod, uid, container);

    private static async Task ServeAsync(HttpContext context, string ns, string podName, string? uid, string container)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerName);
        var request = RemoteCommandRequest.FromKubeletQuery(context.Request.Query, container);
        EciExecSession? session;
        string groupId;
        KubeletProblem? problem;
        try
        {
            (session, groupId, problem) = await OpenAsync(context, request, ns, podName, uid, logger).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the caller left before the session was set up
        }

        if (session is null)
        {
            await KubeletResults.WriteStatusAsync(context.Response, problem!).ConfigureAwait(false);
            return;
        }

        await using (session.ConfigureAwait(false))
        {
            var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
            try
            {
                var streams = await RemoteCommandServer.AcceptAsync(context, request, logger: logger, timeProvider: time).ConfigureAwait(false);
                if (streams is null)
                {
                    return; // the upgrade was refused with its own 400/403 Status
                }

                await using (streams.ConfigureAwait(false))
                {
                    var status = await EciExecBridge.RunAsync(streams, session, logger, context.RequestAborted).ConfigureAwait(false);
                    if (logger.IsEnabled(LogLevel.Information))
                    {
                        ExecLog.Ended(logger, ns, podName, container, groupId, streams.Protocol, request.Tty,
                            status.ExitCode is { } code ? $"exit {code}" : status.Message ?? "failure");
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or WebSocketException or TimeoutException)
            {
                // The caller went away or never opened its streams; ECI's session closes with ours.
                ExecLog.Aborted(logger, ns, podName, container, groupId, e.Message);
            }
        }
    }

    /// <summary>Every check and ECI call before the upgrade: the open ECI session, or the problem to answer.</summary>
    private static async Task<(EciExecSession? Session, string GroupId, KubeletProblem? Problem)> OpenAsync(
        HttpContext context, RemoteCommandRequest request, string ns, string podName, string? uid, ILogger logger)
    {
        if (request.Validate() is { } invalid)
        {
            return (null, "", KubeletProblem.BadRequest(invalid));
        }

        if (ExecCommandLimits.Check(request.Command) is { } tooLong)
        {
            return (null, "", tooLong);
        }

        var services = context.RequestServices;
        var ct = context.RequestAborted;
        var pod = await services.GetRequiredService<IKubeletPodDirectory>().FindPodAsync(ns, podName, ct).ConfigureAwait(false);
        if (ExecTarget.Check(pod, ns, podName, uid, request.Container!) is { } refused)
        {
            return (null, "", refused);
        }

        var groupId = pod!.ContainerGroupId!; // ExecTarget.Check refuses a pod without a group

        var container = request.Container!;
        var what = $"exec in container \"{container}\" of pod \"{ns}/{podName}\"";
        ExecContainerCommandResponse answer;
        try
        {
            answer = await services.GetRequiredService<IEciClient>().ExecContainerCommandAsync(new ExecContainerCommandRequest
            {
                ContainerGroupId = groupId,
                ContainerName = container,
                Command = request.Command,
                Tty = request.Tty,
                Stdin = request.Stdin,
            }, ct).ConfigureAwait(false);
        }
        catch (EciException e)
        {
            return (null, groupId, KubeletResults.FromEci(e, what));
        }

        if (!Uri.TryCreate(answer.WebSocketUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
        {
            return (null, groupId, new KubeletProblem(KubeletProblemKind.UpstreamFailed,
                $"{what}: ECI's ExecContainerCommand answered without a usable WebSocketUri (\"{answer.WebSocketUri}\", RequestId {answer.RequestId})"));
        }

        // The WebSocketUri is good for one connection within 30 s (eci-openapi.md §3.7): waiting longer cannot succeed.
        using var timeout = new CancellationTokenSource(ConnectTimeout, services.GetService<TimeProvider>() ?? TimeProvider.System);
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            return (await EciExecSession.ConnectAsync(uri, cancellationToken: connect.Token).ConfigureAwait(false), groupId, null);
        }
        catch (WebSocketException e)
        {
            ExecLog.ConnectFailed(logger, ns, podName, container, e);
            return (null, groupId, new KubeletProblem(KubeletProblemKind.UpstreamFailed, $"{what}: connecting to ECI's exec WebSocket failed: {e.Message}"));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return (null, groupId, new KubeletProblem(KubeletProblemKind.Unavailable, $"{what}: ECI's exec WebSocket did not accept the connection within {ConnectTimeout.TotalSeconds:0} s"));
        }
    }
}
