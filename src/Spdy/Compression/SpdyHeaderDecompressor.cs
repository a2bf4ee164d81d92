using System.Buffers;

using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.Zip.Compression;

namespace OrleansEci.Spdy.Compression;

/// <summary>
/// Decompresses SPDY/3 header blocks for one direction of one connection. One zlib stream spans every block of the
/// connection; each block decodes on its own as soon as its frame arrives. Not thread-safe: the session's read loop
/// decompresses frames strictly in arrival order.
/// </summary>
public sealed class SpdyHeaderDecompressor
{
    private readonly Inflater inflater = new(noHeader: false);
    private readonly byte[] chunk = new byte[4096];
    private readonly int maxBlockSize;

    /// <summary>Creates a decompressor that refuses blocks that inflate to more than <paramref name="maxBlockSize"/> bytes.</summary>
    public SpdyHeaderDecompressor(int maxBlockSize = 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlockSize);
        this.maxBlockSize = maxBlockSize;
    }

    /// <summary>Decompresses one compressed header block (the whole compressed part of one frame).</summary>
    /// <exception cref="SpdyProtocolException">The bytes are not a valid continuation of the stream, name another
    /// dictionary, or inflate past the size limit.</exception>
    public byte[] Decompress(ReadOnlySpan<byte> compressed)
    {
        if (compressed.IsEmpty)
        {
            return [];
        }

        var input = compressed.ToArray();
        inflater.SetInput(input, 0, input.Length);
        var output = new ArrayBufferWriter<byte>(input.Length * 4);
        try
        {
            while (true)
            {
                var count = inflater.Inflate(chunk);
                if (count > 0)
                {
                    if (output.WrittenCount + count > maxBlockSize)
                    {
                        throw new SpdyProtocolException(
                            $"A header block inflates to more than {maxBlockSize} bytes; raise SpdySessionOptions.MaxHeaderBlockSize if the peer is trusted.");
                    }

                    output.Write(chunk.AsSpan(0, count));
                    continue;
                }

                if (inflater.IsNeedingDictionary)
                {
                    if ((uint)inflater.Adler != SpdyDictionary.Adler32)
                    {
                        throw new SpdyProtocolException(
                            $"The peer's header block names zlib dictionary 0x{(uint)inflater.Adler:X8}, expected the SPDY/3 dictionary 0x{SpdyDictionary.Adler32:X8}.");
                    }

                    inflater.SetDictionary(SpdyDictionary.V3);
                    continue;
                }

                if (inflater.IsNeedingInput)
                {
                    return output.WrittenSpan.ToArray();
                }

                throw new SpdyProtocolException(inflater.IsFinished
                    ? "The peer ended its header zlib stream; SPDY keeps one stream for the whole connection."
                    : "The header zlib stream stalled with input left over.");
            }
        }
        catch (SharpZipBaseException ex)
        {
            throw new SpdyProtocolException("A header block is not valid zlib data for this connection: " + ex.Message, ex);
        }
    }
}
