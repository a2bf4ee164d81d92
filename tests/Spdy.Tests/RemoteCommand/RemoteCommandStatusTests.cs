using System.Text;

using OrleansEci.Spdy.RemoteCommand;

namespace OrleansEci.Spdy.Tests.RemoteCommand;

public sealed class RemoteCommandStatusTests
{
    [Fact]
    public void ToJson_Success_IsKubeletsExactBytes()
    {
        Assert.Equal("""{"metadata":{},"status":"Success"}""", Encoding.UTF8.GetString(RemoteCommandStatus.Success.ToJson()));
    }

    [Fact]
    public void ToJson_ExitCode3_IsKubeletsNonZeroExitCodeStatus()
    {
        var json = Encoding.UTF8.GetString(RemoteCommandStatus.FromExitCode(3, ["cat"]).ToJson());

        Assert.Equal(
            """{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [cat], exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}""",
            json);
    }

    [Fact]
    public void ParseJson_KubeletExitCodeStatus_YieldsExitCode()
    {
        var status = RemoteCommandStatus.ParseJson(
            """{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [sh -c exit 42], exit code 42","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"42"}]}}"""u8);

        Assert.Equal((false, 42, "NonZeroExitCode"), (status.IsSuccess, status.ExitCode, status.Reason));
    }

    [Fact]
    public void ParseJson_InternalError_KeepsMessageWithoutExitCode()
    {
        var status = RemoteCommandStatus.ParseJson(
            """{"metadata":{},"status":"Failure","message":"Internal error occurred: container not found","reason":"InternalError","code":500}"""u8);

        Assert.Equal((false, (int?)null, "Internal error occurred: container not found", 500), (status.IsSuccess, status.ExitCode, status.Message, status.Code));
    }

    [Fact]
    public void ParseJson_ExitCodeOutOfByteRange_IsNotAnExitCode()
    {
        // client-go parses the cause with ParseUint(msg, 10, 8).
        var status = RemoteCommandStatus.ParseJson(
            """{"status":"Failure","message":"m","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"300"}]}}"""u8);

        Assert.Null(status.ExitCode);
    }

    [Theory]
    [InlineData(RemoteCommandProtocols.V3)]
    [InlineData(RemoteCommandProtocols.V1)]
    public void EncodeDecode_TextProtocols_EmptyIsSuccessTextIsFailure(string protocol)
    {
        var failure = RemoteCommandStatus.Failure("boom");

        Assert.Empty(RemoteCommandStatus.Success.Encode(protocol));
        Assert.Equal("boom", Encoding.UTF8.GetString(failure.Encode(protocol)));
        Assert.True(RemoteCommandStatus.Decode(protocol, []).IsSuccess);
        Assert.Equal("boom", RemoteCommandStatus.Decode(protocol, "boom"u8).Message);
    }

    [Fact]
    public void FromExitCode_Zero_IsSuccess()
    {
        Assert.Same(RemoteCommandStatus.Success, RemoteCommandStatus.FromExitCode(0));
    }
}
