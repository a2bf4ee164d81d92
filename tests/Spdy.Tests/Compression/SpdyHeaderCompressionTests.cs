using System.Text;

using OrleansEci.Spdy.Compression;

namespace OrleansEci.Spdy.Tests.Compression;

public sealed class SpdyHeaderCompressionTests
{
    public static TheoryData<int> Levels => [0, 1, 6, 9];

    [Theory]
    [MemberData(nameof(Levels))]
    public void Compress_EveryBlock_EndsWithSyncFlushMarker(int level)
    {
        // Go's compress/flate hands data out only at an empty stored block; without 00 00 FF FF the 2nd block fails.
        var compressor = new SpdyHeaderCompressor(level);
        for (var i = 0; i < 50; i++)
        {
            var block = compressor.Compress(Block(i));
            Assert.True(block.AsSpan().EndsWith(new byte[] { 0, 0, 0xFF, 0xFF }),
                $"Block {i} at level {level} should end with 00 00 FF FF but ends with {Convert.ToHexString(block[^Math.Min(4, block.Length)..])}.");
        }
    }

    [Fact]
    public void Compress_FirstBlockOnly_StartsWithZlibHeaderNamingSpdyDictionary()
    {
        var compressor = new SpdyHeaderCompressor(6);

        var first = compressor.Compress(Block(0));
        var second = compressor.Compress(Block(1));

        Assert.Equal(new byte[] { 0x78, 0xBB, 0xE3, 0xC6, 0xA7, 0xC2 }, first[..6]);
        Assert.NotEqual(0x78, second[0]);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Decompress_ThousandsOfBlocksThroughOneContext_RoundTripsEachBlockAlone(int level)
    {
        var compressor = new SpdyHeaderCompressor(level);
        var decompressor = new SpdyHeaderDecompressor();
        var random = new Random(level);
        for (var i = 0; i < 3000; i++)
        {
            var block = RandomBlock(random);
            var compressed = compressor.Compress(block);
            Assert.Equal(block, decompressor.Decompress(compressed));
        }
    }

    [Fact]
    public void Decompress_StreamWithAnotherDictionary_ThrowsProtocolError()
    {
        var deflater = new ICSharpCode.SharpZipLib.Zip.Compression.Deflater(6);
        deflater.SetDictionary("not the spdy dictionary"u8.ToArray());
        deflater.SetInput(Block(0));
        deflater.Flush();
        var output = new byte[1024];
        var count = deflater.Deflate(output);

        var error = Assert.Throws<SpdyProtocolException>(() => new SpdyHeaderDecompressor().Decompress(output.AsSpan(0, count)));
        Assert.Contains("dictionary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decompress_BlockLargerThanLimit_ThrowsProtocolError()
    {
        var compressed = new SpdyHeaderCompressor().Compress(new byte[64 * 1024]);

        Assert.Throws<SpdyProtocolException>(() => new SpdyHeaderDecompressor(maxBlockSize: 4096).Decompress(compressed));
    }

    private static byte[] Block(int i) => Encoding.ASCII.GetBytes($"\0\0\0\x01\0\0\0\x0astreamtype\0\0\0\x05stdin{i}");

    private static byte[] RandomBlock(Random random)
    {
        var builder = new StringBuilder();
        var count = random.Next(1, 12);
        for (var i = 0; i < count; i++)
        {
            builder.Append(random.Next(3) switch
            {
                0 => "content-type: application/json\n",
                1 => $"x-request-{random.Next(1000)}: {Guid.NewGuid()}\n",
                _ => new string((char)('a' + random.Next(26)), random.Next(0, 300)),
            });
        }

        var bytes = Encoding.UTF8.GetBytes(builder.ToString());
        if (random.Next(10) == 0)
        {
            random.NextBytes(bytes); // incompressible now and then
        }

        return bytes;
    }
}
