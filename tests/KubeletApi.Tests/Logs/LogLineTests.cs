using OrleansEci.KubeletApi.Logs;

namespace OrleansEci.KubeletApi.Tests.Logs;

/// <summary>Lines fetched with timestamps: nanosecond RFC 3339 prefixes, and lines without one.</summary>
public sealed class LogLineTests
{
    [Fact]
    public void Parse_NanosecondStamps_KeepsTimeAndText()
    {
        var lines = LogLine.Parse("2026-06-01T08:00:05.123456789Z hello world\n2026-06-01T08:00:06Z  indented\n");
        Assert.Equal(2, lines.Count);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 8, 0, 5, TimeSpan.Zero).AddTicks(1234567), lines[0].At);
        Assert.Equal("hello world\n", lines[0].Format(false));
        Assert.Equal("2026-06-01T08:00:05.123456789Z hello world\n", lines[0].Format(true));
        Assert.Equal(" indented", lines[1].Text);
    }

    [Theory]
    [InlineData("no stamp here")]
    [InlineData("2026-13-01T00:00:00Z month 13")]
    [InlineData("")]
    public void Parse_LineWithoutValidStamp_TakesThePreviousLinesTime(string second)
    {
        var lines = LogLine.Parse("2026-06-01T08:00:05Z first\n" + second + "\n");
        Assert.Equal(2, lines.Count);
        Assert.True(lines[1].At == lines[0].At && lines[1].Text == second, $"Expected \"{second}\" at the previous line's time, got \"{lines[1].Text}\" at {lines[1].At:O}");
    }

    [Fact]
    public void Parse_Empty_HasNoLines()
    {
        Assert.Empty(LogLine.Parse(null));
        Assert.Empty(LogLine.Parse(""));
    }
}
