using System.Text;

using OrleansEci.Emulators.Eci.Groups;
using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Logs;

/// <summary>
/// DescribeContainerLog (reference §3.6): the log of one container as one string. <c>LastTime=true</c> reads the
/// previous incarnation; <c>StartTime</c>/<c>SinceSeconds</c> drop older lines; <c>Tail</c> (default 500, max 2000)
/// keeps the last lines; <c>Timestamps</c> prefixes each line with its RFC 3339 time; <c>LimitBytes</c> (1–1048576)
/// then cuts the text to that many bytes from its start, as the kubelet's limitBytes does.
/// </summary>
internal sealed class DescribeContainerLogAction : IEciAction
{
    public string Name => "DescribeContainerLog";

    public object Execute(ActionCall call)
    {
        RpcParameters p = call.Parameters;
        string name = p.Required("ContainerName");
        int tail = p.Int("Tail", 0, 2000) ?? 500;
        int? since = p.Int("SinceSeconds", 1);
        long? limitBytes = p.Long("LimitBytes", 1, 1_048_576);
        bool timestamps = p.Bool("Timestamps") ?? false;
        bool previous = p.Bool("LastTime") ?? false;
        DateTimeOffset? start = WireFormat.ParseTime(p, "StartTime");
        ContainerGroup g = GroupActions.Require(call);
        List<(DateTimeOffset At, string Line)> lines;
        lock (g.Gate)
        {
            ContainerRuntime c = g.FindContainer(name) ?? throw EciErrors.ContainerNotFound(name);
            lines = [.. c.LogAt(call.Now, previous)];
        }

        IEnumerable<(DateTimeOffset At, string Line)> selected = lines;
        if (since is int s)
        {
            selected = selected.Where(l => l.At >= call.Now.AddSeconds(-s));
        }

        if (start is DateTimeOffset from)
        {
            selected = selected.Where(l => l.At >= from);
        }

        StringBuilder text = new();
        foreach ((DateTimeOffset at, string line) in selected.TakeLast(tail))
        {
            text.Append(timestamps ? WireFormat.LogTime(at) + " " : "").Append(line).Append('\n');
        }

        return new { call.RequestId, ContainerName = name, Content = Limit(text.ToString(), limitBytes ?? 1_048_576) };
    }

    private static string Limit(string content, long limitBytes)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(content);
        return bytes.Length <= limitBytes ? content : Encoding.UTF8.GetString(bytes, 0, (int)limitBytes);
    }
}
