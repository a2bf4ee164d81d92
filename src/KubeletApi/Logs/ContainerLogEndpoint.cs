using System.Text;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Eci;
using OrleansEci.Eci.Errors;
using OrleansEci.Eci.Logs;
using OrleansEci.KubeletApi.Errors;
using OrleansEci.KubeletApi.Pods;

namespace OrleansEci.KubeletApi.Logs;

/// <summary>
/// <c>GET /containerLogs/{ns}/{pod}/{container}</c> from DescribeContainerLog. ECI keeps at most the last 2000 lines and
/// 1 MiB per answer (eci-openapi.md §3.6), so without tailLines the last 2000 lines are served, not the whole log.
/// With <c>follow</c>, <see cref="LogFollower"/> keeps polling.
/// </summary>
internal static class ContainerLogEndpoint
{
    /// <summary>ECI's largest Tail.</summary>
    public const int MaxTail = 2000;

    /// <summary>ECI's largest LimitBytes.</summary>
    public const long MaxLimitBytes = 1_048_576;

    public static async Task HandleAsync(HttpContext context, string ns, string pod, string container)
    {
        var services = context.RequestServices;
        var problem = await ServeAsync(context, services, ns, pod, container).ConfigureAwait(false);
        if (problem is not null)
        {
            await KubeletResults.WriteAsync(context.Response, problem).ConfigureAwait(false);
        }
    }

    private static async Task<KubeletProblem?> ServeAsync(HttpContext context, IServiceProvider services, string ns, string podName, string container)
    {
        if (!ContainerLogQuery.TryParse(context.Request.Query, out var query, out var invalid))
        {
            return invalid;
        }

        var directory = services.GetRequiredService<IKubeletPodDirectory>();
        var pod = await directory.FindPodAsync(ns, podName, context.RequestAborted).ConfigureAwait(false);
        if (pod is null)
        {
            return KubeletProblem.NotFound($"pod \"{ns}/{podName}\" is not on a virtual node served here");
        }

        if (!pod.HasContainer(container))
        {
            return KubeletProblem.NotFound($"container \"{container}\" not found in pod \"{ns}/{podName}\"");
        }

        if (pod.ContainerGroupId is null)
        {
            var reason = pod.StatusOf(container)?.State?.Waiting?.Reason ?? "ContainerCreating";
            return KubeletProblem.BadRequest($"container \"{container}\" in pod \"{podName}\" is waiting to start: {reason}");
        }

        var eci = services.GetRequiredService<IEciClient>();
        try
        {
            if (query.Follow && !query.Previous)
            {
                var follower = ActivatorUtilities.CreateInstance<LogFollower>(services);
                return await follower.RunAsync(context, pod, container, query).ConfigureAwait(false);
            }

            var answer = await eci.DescribeContainerLogAsync(Request(pod.ContainerGroupId, container, query), context.RequestAborted).ConfigureAwait(false);
            await WriteStartAsync(context.Response, answer.Content ?? "", context.RequestAborted).ConfigureAwait(false);
            return null;
        }
        catch (EciException e)
        {
            return KubeletResults.FromEci(e, $"reading the log of container \"{container}\" in pod \"{ns}/{podName}\"");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return null; // the client went away
        }
    }

    /// <summary>The DescribeContainerLog request for <paramref name="query"/>, within ECI's limits.</summary>
    public static DescribeContainerLogRequest Request(string groupId, string container, ContainerLogQuery query) => new()
    {
        ContainerGroupId = groupId,
        ContainerName = container,
        Tail = (int)Math.Min(query.TailLines ?? MaxTail, MaxTail),
        SinceSeconds = query.SinceSeconds is long s ? (int)Math.Min(s, int.MaxValue) : null,
        StartTime = query.SinceTime,
        LimitBytes = query.LimitBytes is long l ? Math.Min(l, MaxLimitBytes) : null,
        Timestamps = query.Timestamps,
        LastTime = query.Previous,
    };

    /// <summary>Starts a 200 text/plain answer with <paramref name="text"/> and flushes it.</summary>
    public static async Task WriteStartAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/plain; charset=utf-8";
        }

        if (text.Length > 0)
        {
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        }

        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
