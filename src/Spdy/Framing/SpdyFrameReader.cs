using System.Buffers.Binary;

using OrleansEci.Spdy.Compression;

namespace OrleansEci.Spdy.Framing;

/// <summary>
/// Reads SPDY/3.1 frames from a byte stream and decompresses their header blocks in arrival order. One reader per
/// connection; not thread-safe.
/// </summary>
/// <remarks>No maintained .NET SPDY library exists (the last, in Mono's HttpListener era, is long gone), so the
/// framing is written by hand from the SPDY/3.1 draft and checked against spdy-transport in the tests.</remarks>
public sealed class SpdyFrameReader
{
    /// <summary>The SPDY version this reader accepts in control frames.</summary>
    public const ushort Version = 3;

    private readonly Stream stream;
    private readonly SpdyHeaderDecompressor decompressor;
    private readonly int maxFrameSize;
    private readonly byte[] header = new byte[8];

    /// <summary>Creates a reader over <paramref name="stream"/> that refuses frames with a payload above
    /// <paramref name="maxFrameSize"/> bytes (the wire allows up to 16 MiB − 1).</summary>
    public SpdyFrameReader(Stream stream, SpdyHeaderDecompressor decompressor, int maxFrameSize = SpdyFrameWriter.MaxPayloadLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(decompressor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameSize);
        this.stream = stream;
        this.decompressor = decompressor;
        this.maxFrameSize = maxFrameSize;
    }

    /// <summary>Reads the next frame, or returns null when the stream ends cleanly between frames.</summary>
    /// <exception cref="SpdyProtocolException">The bytes are not a valid SPDY/3.1 frame.</exception>
    /// <exception cref="EndOfStreamException">The stream ended inside a frame.</exception>
    public async ValueTask<SpdyFrame?> ReadFrameAsync(CancellationToken cancellationToken = default)
    {
        if (!await FillAsync(header, allowEndOfStream: true, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var first = BinaryPrimitives.ReadUInt32BigEndian(header);
        var flags = header[4];
        var length = (header[5] << 16) | (header[6] << 8) | header[7];
        if (length > maxFrameSize)
        {
            throw new SpdyProtocolException($"A frame carries {length} bytes, more than the limit of {maxFrameSize}.");
        }

        var payload = length == 0 ? [] : new byte[length];
        await FillAsync(payload, allowEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if ((first & 0x8000_0000u) == 0)
        {
            return new DataFrame((int)first, (flags & SpdyFrameWriter.FlagFin) != 0, payload);
        }

        var version = (ushort)((first >> 16) & 0x7FFF);
        var type = (ushort)(first & 0xFFFF);
        if (version != Version)
        {
            throw new SpdyProtocolException($"The peer sent a SPDY/{version} control frame; only SPDY/3 (3.1) is spoken here.");
        }

        return ParseControl(type, flags, payload);
    }

    private SpdyFrame ParseControl(ushort type, byte flags, byte[] payload)
    {
        var fin = (flags & SpdyFrameWriter.FlagFin) != 0;
        var span = payload.AsSpan();
        switch ((SpdyFrameType)type)
        {
            case SpdyFrameType.SynStream:
                Require(span, 10, "SYN_STREAM");
                return new SynStreamFrame(StreamId(span), StreamId(span[4..]), (byte)(span[8] >> 5), fin,
                    (flags & SpdyFrameWriter.FlagUnidirectional) != 0, Headers(span[10..]));
            case SpdyFrameType.SynReply:
                Require(span, 4, "SYN_REPLY");
                return new SynReplyFrame(StreamId(span), fin, Headers(span[4..]));
            case SpdyFrameType.Headers:
                Require(span, 4, "HEADERS");
                return new HeadersFrame(StreamId(span), fin, Headers(span[4..]));
            case SpdyFrameType.RstStream:
                Require(span, 8, "RST_STREAM");
                return new RstStreamFrame(StreamId(span), (SpdyStreamStatus)BinaryPrimitives.ReadUInt32BigEndian(span[4..]));
            case SpdyFrameType.Settings:
                return ParseSettings(flags, span);
            case SpdyFrameType.Ping:
                Require(span, 4, "PING");
                return new PingFrame(BinaryPrimitives.ReadUInt32BigEndian(span));
            case SpdyFrameType.GoAway:
                Require(span, 8, "GOAWAY");
                return new GoAwayFrame(StreamId(span), (SpdyGoAwayStatus)BinaryPrimitives.ReadUInt32BigEndian(span[4..]));
            case SpdyFrameType.WindowUpdate:
                Require(span, 8, "WINDOW_UPDATE");
                return new WindowUpdateFrame(StreamId(span), (int)(BinaryPrimitives.ReadUInt32BigEndian(span[4..]) & 0x7FFF_FFFF));
            default:
                return new UnknownControlFrame(Version, type, flags, payload.Length);
        }
    }

    private static SettingsFrame ParseSettings(byte flags, ReadOnlySpan<byte> span)
    {
        Require(span, 4, "SETTINGS");
        var count = BinaryPrimitives.ReadUInt32BigEndian(span);
        if (span.Length - 4 != count * 8L)
        {
            throw new SpdyProtocolException($"A SETTINGS frame claims {count} entries but carries {span.Length - 4} bytes of them.");
        }

        var settings = new SpdySetting[count];
        for (var i = 0; i < count; i++)
        {
            var entry = span.Slice(4 + (i * 8), 8);
            var idAndFlags = BinaryPrimitives.ReadUInt32BigEndian(entry);
            settings[i] = new SpdySetting((SpdySettingId)(idAndFlags & 0xFF_FFFF), BinaryPrimitives.ReadUInt32BigEndian(entry[4..]), (byte)(idAndFlags >> 24));
        }

        return new SettingsFrame((flags & SpdyFrameWriter.FlagClearSettings) != 0, settings);
    }

    private SpdyHeaders Headers(ReadOnlySpan<byte> compressed) => SpdyHeaderBlock.Decode(decompressor.Decompress(compressed));

    private static int StreamId(ReadOnlySpan<byte> span) => (int)(BinaryPrimitives.ReadUInt32BigEndian(span) & 0x7FFF_FFFF);

    private static void Require(ReadOnlySpan<byte> payload, int length, string frame)
    {
        if (payload.Length < length)
        {
            throw new SpdyProtocolException($"A {frame} frame needs at least {length} payload bytes, got {payload.Length}.");
        }
    }

    private async ValueTask<bool> FillAsync(byte[] buffer, bool allowEndOfStream, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                if (read == 0 && allowEndOfStream)
                {
                    return false;
                }

                throw new EndOfStreamException($"The connection ended inside a SPDY frame ({read} of {buffer.Length} bytes read).");
            }

            read += count;
        }

        return true;
    }
}
