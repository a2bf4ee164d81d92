using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>A TTY size as the resize stream carries it: <c>{"Width":80,"Height":24}</c> (client-go's
/// <c>TerminalSize</c> has no JSON tags, so the names are capitalised).</summary>
public readonly record struct TerminalSize(
    [property: JsonPropertyName("Width")] ushort Width,
    [property: JsonPropertyName("Height")] ushort Height)
{
    /// <summary>The JSON object followed by a newline, as Go's <c>json.Encoder</c> writes it.</summary>
    public byte[] ToJsonLine()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(this, TerminalSizeJsonContext.Default.TerminalSize);
        return [.. json, (byte)'\n'];
    }
}
