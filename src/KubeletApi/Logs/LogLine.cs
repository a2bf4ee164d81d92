using System.Globalization;

namespace OrleansEci.KubeletApi.Logs;

/// <summary>One line of a DescribeContainerLog answer fetched with <c>Timestamps=true</c>: its time and its text.</summary>
internal readonly record struct LogLine(DateTimeOffset At, string Timestamp, string Text)
{
    /// <summary>The line as the client asked for it, with its newline.</summary>
    public string Format(bool timestamps) => timestamps ? $"{Timestamp} {Text}\n" : Text + "\n";

    /// <summary>
    /// Lines of <paramref name="content"/> whose RFC 3339 prefix parses; a line without one (ECI cut it, or wrote a
    /// continuation) takes the previous line's time, so it is neither lost nor sent twice.
    /// </summary>
    public static List<LogLine> Parse(string? content)
    {
        List<LogLine> lines = [];
        if (string.IsNullOrEmpty(content))
        {
            return lines;
        }

        var body = content.EndsWith('\n') ? content[..^1] : content;
        DateTimeOffset last = DateTimeOffset.MinValue;
        var lastStamp = "";
        foreach (var raw in body.Split('\n'))
        {
            var space = raw.IndexOf(' ', StringComparison.Ordinal);
            var stamp = space > 0 ? raw[..space] : raw;
            if (TryParseTime(stamp, out var at))
            {
                (last, lastStamp) = (at, stamp);
                lines.Add(new LogLine(at, stamp, space > 0 ? raw[(space + 1)..] : ""));
            }
            else
            {
                lines.Add(new LogLine(last, lastStamp, raw));
            }
        }

        return lines;
    }

    // Kubernetes writes nanoseconds (9 digits); .NET parses at most 7, so the fraction is cut to 7 first.
    private static bool TryParseTime(string text, out DateTimeOffset at)
    {
        at = default;
        if (text.Length < 20 || text[10] != 'T')
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            text = text[..Math.Min(end, dot + 8)] + text[end..];
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
    }
}
