using System.Text;

using OrleansEci.Eci.Exec;

namespace OrleansEci.Eci.Tests.Exec;

/// <summary><see cref="EciExecExit.Parse"/>: the status message ECI sends last, well-formed and not.</summary>
public sealed class EciExecExitTests
{
    [Theory]
    [InlineData("""{"metadata":{},"status":"Success"}""", 0)]
    [InlineData("""{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}""", 3)]
    [InlineData("""{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"Other","message":"9"},{"reason":"ExitCode","message":"255"}]}}""", 255)]
    public void Parse_WellFormedStatus_GivesExitCode(string json, int expected)
    {
        var exit = EciExecExit.Parse(Encoding.UTF8.GetBytes(json));
        Assert.True(exit.ExitCode == expected, $"Expected exit code {expected} from {json}, got {exit}");
    }

    [Theory]
    [InlineData("", "not JSON")]
    [InlineData("exit 3", "not JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"256"}]}}""", "")]
    [InlineData("""{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"-1"}]}}""", "")]
    [InlineData("""{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":"3"}}""", "")]
    [InlineData("""{"status":"Failure","message":"container app is not running","reason":"InternalError"}""", "container app is not running")]
    [InlineData("""{"status":42}""", "missing")]
    public void Parse_MalformedOrFailedStatus_IsAFailureWithAMessage(string json, string messagePart)
    {
        var exit = EciExecExit.Parse(Encoding.UTF8.GetBytes(json));
        Assert.True(exit.ExitCode is null && exit.Message is { } message && message.Contains(messagePart, StringComparison.Ordinal),
            $"Expected a failure without exit code whose message contains \"{messagePart}\" for {json}, got {exit}");
    }
}
