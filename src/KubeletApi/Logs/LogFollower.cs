using System.Text;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

using OrleansEci.Eci;
using OrleansEci.Eci.Errors;
using OrleansEci.KubeletApi.Errors;
using OrleansEci.KubeletApi.Hosting;
using OrleansEci.KubeletApi.Pods;

namespace OrleansEci.KubeletApi.Logs;

/// <summary>
/// <c>logs -f</c> over an API without streaming: the first answer as asked (tail, since), then DescribeContainerLog
/// again from the last line's time (<c>StartTime</c>, lines always fetched with timestamps), sending only lines not sent
/// yet, paced by <see cref="LogFollowBudget"/>. A poll reads at most ECI's 2000 lines: a container writing more than
/// that between two polls loses the excess from the stream. Ends when the client disconnects, limitBytes is reached, or the
/// container has ended (after one last read) or its pod or group is gone. A throttled or transient poll is retried at
/// the next interval; any other ECI failure ends the stream (the 200 is already sent).
/// </summary>
internal sealed class LogFollower(IEciClient eci, IKubeletPodDirectory directory, LogFollowBudget budget, TimeProvider time, ILogger<LogFollower> logger)
{
    private DateTimeOffset _cursor;
    private int _seenAtCursor;
    private long? _bytesLeft;

    public async Task<KubeletProblem?> RunAsync(HttpContext context, KubeletPod pod, string container, ContainerLogQuery query)
    {
        var ct = context.RequestAborted;
        var groupId = pod.ContainerGroupId!;
        _bytesLeft = query.LimitBytes;
        var asked = time.GetUtcNow();
        _cursor = DateTimeOffset.MinValue;
        var ended = pod.StatusOf(container)?.State?.Terminated is not null;
        var first = ContainerLogEndpoint.Request(groupId, container, query) with { Timestamps = true, LimitBytes = null };
        var answer = await eci.DescribeContainerLogAsync(first, ct).ConfigureAwait(false);
        await EmitAsync(context.Response, LogLine.Parse(answer.Content), query.Timestamps, ct).ConfigureAwait(false);
        if (_cursor == DateTimeOffset.MinValue)
        {
            // Nothing shown (tailLines=0, or nothing yet): every line up to the first read counts as seen. This compares
            // our clock with ECI's line times, so a line ECI stamps before our read but writes after it would be missed.
            (_cursor, _seenAtCursor) = (asked, int.MaxValue);
        }

        using var member = budget.Join();
        while (!ended && _bytesLeft is not <= 0)
        {
            await Task.Delay(budget.Interval, time, ct).ConfigureAwait(false);
            var now = await directory.FindPodAsync(pod.Namespace, pod.Name, ct).ConfigureAwait(false);
            if (now is null || now.Uid != pod.Uid || now.ContainerGroupId != groupId)
            {
                KubeletApiLog.FollowStopped(logger, pod.Namespace, pod.Name, container, "the pod or its container group is gone");
                break;
            }

            // Read once more after the container ended: its last lines may have been written since the previous poll.
            ended = now.StatusOf(container)?.State?.Terminated is not null;
            try
            {
                var next = first with { Tail = ContainerLogEndpoint.MaxTail, SinceSeconds = null, StartTime = _cursor };
                var more = await eci.DescribeContainerLogAsync(next, ct).ConfigureAwait(false);
                await EmitAsync(context.Response, LogLine.Parse(more.Content), query.Timestamps, ct).ConfigureAwait(false);
            }
            catch (EciException e) when (e.Category is EciErrorCategory.Throttled or EciErrorCategory.Transient)
            {
                KubeletApiLog.FollowPollFailed(logger, pod.Namespace, pod.Name, container, e.Category);
                ended = false;
            }
            catch (EciException e)
            {
                KubeletApiLog.FollowStopped(logger, pod.Namespace, pod.Name, container, $"ECI {e.Action} failed ({e.Code ?? e.Category.ToString()})");
                break;
            }
        }

        return null;
    }

    private async Task EmitAsync(HttpResponse response, List<LogLine> lines, bool timestamps, CancellationToken ct)
    {
        StringBuilder text = new();
        var (from, skip) = (_cursor, _seenAtCursor);
        foreach (var line in lines)
        {
            if (line.At < from || (line.At == from && skip-- > 0))
            {
                continue;
            }

            (_cursor, _seenAtCursor) = line.At > _cursor ? (line.At, 1) : (_cursor, _seenAtCursor == int.MaxValue ? int.MaxValue : _seenAtCursor + 1);
            text.Append(line.Format(timestamps));
        }

        await ContainerLogEndpoint.WriteStartAsync(response, Limit(text.ToString()), ct).ConfigureAwait(false);
    }

    private string Limit(string text)
    {
        if (_bytesLeft is not long left)
        {
            return text;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var take = (int)Math.Min(bytes.Length, Math.Max(0, left));
        _bytesLeft = left - take;
        return Encoding.UTF8.GetString(bytes, 0, take);
    }
}
