using System.Buffers;
using System.Text.Json;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>Splits a byte stream into consecutive JSON <see cref="TerminalSize"/> objects, however the bytes were
/// chunked (Go's <c>json.Decoder</c> reads the resize stream the same way). Not thread-safe.</summary>
public sealed class TerminalSizeDecoder
{
    private const int MaxPending = 64 * 1024;
    private readonly ArrayBufferWriter<byte> pending = new();

    /// <summary>Adds bytes and returns every size now complete.</summary>
    /// <exception cref="InvalidDataException">The bytes are not JSON terminal sizes.</exception>
    public IReadOnlyList<TerminalSize> Feed(ReadOnlySpan<byte> bytes)
    {
        pending.Write(bytes);
        var sizes = new List<TerminalSize>();
        var consumed = 0;
        var data = pending.WrittenSpan;
        try
        {
            while (true)
            {
                var reader = new Utf8JsonReader(data[consumed..], isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true }));
                if (!reader.Read())
                {
                    break;
                }

                var start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip())
                {
                    break;
                }

                var end = (int)reader.BytesConsumed;
                sizes.Add(JsonSerializer.Deserialize(data[(consumed + start)..(consumed + end)], TerminalSizeJsonContext.Default.TerminalSize));
                consumed += end;
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The resize stream does not carry JSON terminal sizes like {\"Width\":80,\"Height\":24}: " + ex.Message, ex);
        }

        var rest = data[consumed..].ToArray();
        if (rest.Length > MaxPending)
        {
            throw new InvalidDataException($"The resize stream sent {rest.Length} bytes without completing a terminal size.");
        }

        pending.ResetWrittenCount();
        pending.Write(rest);
        return sizes;
    }
}
