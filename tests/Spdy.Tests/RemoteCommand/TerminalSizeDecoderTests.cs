using System.Text;

using OrleansEci.Spdy.RemoteCommand;

namespace OrleansEci.Spdy.Tests.RemoteCommand;

public sealed class TerminalSizeDecoderTests
{
    [Fact]
    public void ToJsonLine_Size_IsGoEncoderOutput()
    {
        Assert.Equal("{\"Width\":80,\"Height\":24}\n", Encoding.UTF8.GetString(new TerminalSize(80, 24).ToJsonLine()));
    }

    [Fact]
    public void Feed_SizesSplitAcrossChunks_YieldsEachOnceComplete()
    {
        var decoder = new TerminalSizeDecoder();
        var bytes = "{\"Width\":80,\"Height\":24}\n{\"Width\":120,\"Hei"u8.ToArray();

        var first = decoder.Feed(bytes);
        var second = decoder.Feed("ght\":40}\n{\"Width\":1,\"Height\":2}"u8);

        Assert.Equal([new TerminalSize(80, 24)], first);
        Assert.Equal([new TerminalSize(120, 40), new TerminalSize(1, 2)], second);
    }

    [Fact]
    public void Feed_NotJson_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => new TerminalSizeDecoder().Feed("80x24\n"u8));
    }
}
