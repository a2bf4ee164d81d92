using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace OrleansEci.Spdy.Framing;

/// <summary>The uncompressed SPDY/3 header block: <c>u32 count</c>, then <c>(u32 len, name, u32 len, value)</c> pairs.</summary>
internal static class SpdyHeaderBlock
{
    public static byte[] Encode(SpdyHeaders headers)
    {
        var output = new ArrayBufferWriter<byte>(256);
        WriteUInt32(output, (uint)headers.Count);
        foreach (var (name, value) in headers)
        {
            WriteString(output, name);
            WriteString(output, value);
        }

        return output.WrittenSpan.ToArray();
    }

    public static SpdyHeaders Decode(ReadOnlySpan<byte> block)
    {
        var headers = new SpdyHeaders();
        if (block.IsEmpty)
        {
            return headers;
        }

        var count = ReadUInt32(ref block);
        if (count > (uint)block.Length / 8)
        {
            throw new SpdyProtocolException($"A header block claims {count} entries but has only {block.Length} bytes.");
        }

        for (var i = 0; i < count; i++)
        {
            var name = ReadString(ref block);
            var value = ReadString(ref block);
            if (name.Length == 0)
            {
                throw new SpdyProtocolException("A header block has an empty header name.");
            }

            headers.Add(name, value);
        }

        return block.IsEmpty
            ? headers
            : throw new SpdyProtocolException($"A header block has {block.Length} bytes after its last entry.");
    }

    private static void WriteUInt32(ArrayBufferWriter<byte> output, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    private static void WriteString(ArrayBufferWriter<byte> output, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteUInt32(output, (uint)length);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }

    private static uint ReadUInt32(ref ReadOnlySpan<byte> block)
    {
        if (block.Length < 4)
        {
            throw new SpdyProtocolException("A header block ends inside a length field.");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(block);
        block = block[4..];
        return value;
    }

    private static string ReadString(ref ReadOnlySpan<byte> block)
    {
        var length = ReadUInt32(ref block);
        if (length > (uint)block.Length)
        {
            throw new SpdyProtocolException($"A header block entry claims {length} bytes but only {block.Length} remain.");
        }

        var value = Encoding.UTF8.GetString(block[..(int)length]);
        block = block[(int)length..];
        return value;
    }
}
