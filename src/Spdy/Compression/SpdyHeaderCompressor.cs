using System.Buffers;

using ICSharpCode.SharpZipLib.Zip.Compression;

namespace OrleansEci.Spdy.Compression;

/// <summary>
/// Compresses SPDY/3 header blocks for one direction of one connection: a single zlib stream with the SPDY/3
/// dictionary, never reset, each block ending on a Z_SYNC_FLUSH boundary (<c>00 00 FF FF</c>).
/// </summary>
/// <remarks>
/// SharpZipLib's <see cref="Deflater.Flush"/> is only a partial flush, which Go's <c>compress/flate</c> (kubelet,
/// kube-apiserver, kubectl) cannot decode past the first block. After it we switch to stored mode and flush again,
/// which writes an empty stored block: exactly zlib's sync-flush marker (reference/spdy.md, "Fix").
/// Not thread-safe: the session compresses and writes under one lock so blocks reach the wire in order.
/// </remarks>
public sealed class SpdyHeaderCompressor
{
    private readonly Deflater deflater;
    private readonly int level;
    private readonly byte[] chunk = new byte[4096];

    /// <summary>Creates a compressor. Level 0 sends stored blocks ("header compression off"), 1–9 compress.</summary>
    public SpdyHeaderCompressor(int level = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, Deflater.NO_COMPRESSION);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, Deflater.BEST_COMPRESSION);
        this.level = level;
        deflater = new Deflater(level, noZlibHeaderOrFooter: false);
        deflater.SetDictionary(SpdyDictionary.V3);
    }

    /// <summary>Compresses one header block and appends the bytes to <paramref name="output"/>.</summary>
    public void Compress(ReadOnlySpan<byte> block, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var input = block.ToArray();
        deflater.SetInput(input, 0, input.Length);
        deflater.Flush();
        Drain(output);
        if (level != Deflater.NO_COMPRESSION)
        {
            deflater.SetLevel(Deflater.NO_COMPRESSION);
            deflater.Flush();
            Drain(output);
            deflater.SetLevel(level);
        }
    }

    /// <summary>Compresses one header block into a new array.</summary>
    public byte[] Compress(ReadOnlySpan<byte> block)
    {
        var output = new ArrayBufferWriter<byte>(block.Length + 64);
        Compress(block, output);
        return output.WrittenSpan.ToArray();
    }

    private void Drain(IBufferWriter<byte> output)
    {
        int count;
        while ((count = deflater.Deflate(chunk)) > 0)
        {
            output.Write(chunk.AsSpan(0, count));
        }
    }
}
