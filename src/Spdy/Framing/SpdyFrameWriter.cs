using System.Buffers;
using System.Buffers.Binary;

using OrleansEci.Spdy.Compression;

namespace OrleansEci.Spdy.Framing;

/// <summary>
/// Writes SPDY/3.1 frames to a byte stream, compressing header blocks with the connection's single outbound zlib
/// context. Not thread-safe: compress-and-write must happen under one lock so blocks reach the wire in the order
/// they were compressed.
/// </summary>
public sealed class SpdyFrameWriter
{
    /// <summary>The largest payload a frame's 24-bit length field can carry.</summary>
    public const int MaxPayloadLength = 0xFF_FFFF;

    internal const byte FlagFin = 0x01;
    internal const byte FlagUnidirectional = 0x02;
    internal const byte FlagClearSettings = 0x01;

    private readonly Stream stream;
    private readonly SpdyHeaderCompressor compressor;
    private readonly ArrayBufferWriter<byte> buffer = new(1024);
    private readonly ArrayBufferWriter<byte> body = new(1024);

    /// <summary>Creates a writer over <paramref name="stream"/>.</summary>
    public SpdyFrameWriter(Stream stream, SpdyHeaderCompressor compressor)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(compressor);
        this.stream = stream;
        this.compressor = compressor;
    }

    /// <summary>Encodes and writes one frame (without flushing the stream).</summary>
    public ValueTask WriteFrameAsync(SpdyFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame is DataFrame data)
        {
            return WriteDataAsync(data.StreamId, data.Data, data.Fin, cancellationToken);
        }

        buffer.ResetWrittenCount();
        Encode(frame);
        return stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }

    /// <summary>Writes one DATA frame (without flushing the stream).</summary>
    public async ValueTask WriteDataAsync(int streamId, ReadOnlyMemory<byte> data, bool fin, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(streamId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, MaxPayloadLength);
        var head = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(head, (uint)streamId & 0x7FFF_FFFF);
        WriteFlagsAndLength(head.AsSpan(4), fin ? FlagFin : (byte)0, data.Length);
        await stream.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        if (!data.IsEmpty)
        {
            await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Flushes the underlying stream.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => stream.FlushAsync(cancellationToken);

    private void Encode(SpdyFrame frame)
    {
        switch (frame)
        {
            case SynStreamFrame syn:
                Control(SpdyFrameType.SynStream, (byte)((syn.Fin ? FlagFin : 0) | (syn.Unidirectional ? FlagUnidirectional : 0)), body =>
                {
                    UInt32(body, (uint)syn.StreamId);
                    UInt32(body, (uint)syn.AssociatedStreamId);
                    body.Write<byte>([(byte)(syn.Priority << 5), 0]);
                    compressor.Compress(SpdyHeaderBlock.Encode(syn.Headers), body);
                });
                break;
            case SynReplyFrame reply:
                Control(SpdyFrameType.SynReply, reply.Fin ? FlagFin : (byte)0, body => HeaderFrame(body, reply.StreamId, reply.Headers));
                break;
            case HeadersFrame headers:
                Control(SpdyFrameType.Headers, headers.Fin ? FlagFin : (byte)0, body => HeaderFrame(body, headers.StreamId, headers.Headers));
                break;
            case RstStreamFrame rst:
                Control(SpdyFrameType.RstStream, 0, body => Pair(body, (uint)rst.StreamId, (uint)rst.Status));
                break;
            case SettingsFrame settings:
                Control(SpdyFrameType.Settings, settings.ClearSettings ? FlagClearSettings : (byte)0, body =>
                {
                    UInt32(body, (uint)settings.Settings.Count);
                    foreach (var setting in settings.Settings)
                    {
                        Pair(body, ((uint)setting.Flags << 24) | ((uint)setting.Id & 0xFF_FFFF), setting.Value);
                    }
                });
                break;
            case PingFrame ping:
                Control(SpdyFrameType.Ping, 0, body => UInt32(body, ping.Id));
                break;
            case GoAwayFrame goAway:
                Control(SpdyFrameType.GoAway, 0, body => Pair(body, (uint)goAway.LastGoodStreamId, (uint)goAway.Status));
                break;
            case WindowUpdateFrame update:
                Control(SpdyFrameType.WindowUpdate, 0, body => Pair(body, (uint)update.StreamId, (uint)update.DeltaWindowSize));
                break;
            default:
                throw new NotSupportedException($"Writing {frame.GetType().Name} is not supported; it is only ever read.");
        }
    }

    private void HeaderFrame(ArrayBufferWriter<byte> body, int streamId, SpdyHeaders headers)
    {
        UInt32(body, (uint)streamId);
        compressor.Compress(SpdyHeaderBlock.Encode(headers), body);
    }

    private void Control(SpdyFrameType type, byte flags, Action<ArrayBufferWriter<byte>> writeBody)
    {
        body.ResetWrittenCount();
        writeBody(body);
        var length = body.WrittenCount;
        if (length > MaxPayloadLength)
        {
            throw new InvalidOperationException($"A {type} frame would carry {length} bytes, more than SPDY's {MaxPayloadLength}; send fewer headers.");
        }

        var head = buffer.GetSpan(8);
        BinaryPrimitives.WriteUInt16BigEndian(head, 0x8000 | SpdyFrameReader.Version);
        BinaryPrimitives.WriteUInt16BigEndian(head[2..], (ushort)type);
        WriteFlagsAndLength(head[4..], flags, length);
        buffer.Advance(8);
        buffer.Write(body.WrittenSpan);
    }

    private static void WriteFlagsAndLength(Span<byte> target, byte flags, int length)
    {
        target[0] = flags;
        target[1] = (byte)(length >> 16);
        target[2] = (byte)(length >> 8);
        target[3] = (byte)length;
    }

    private static void Pair(ArrayBufferWriter<byte> body, uint first, uint second)
    {
        UInt32(body, first);
        UInt32(body, second);
    }

    private static void UInt32(ArrayBufferWriter<byte> body, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(body.GetSpan(4), value);
        body.Advance(4);
    }
}
