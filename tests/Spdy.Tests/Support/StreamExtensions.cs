using OrleansEci.Spdy.Sessions;

namespace OrleansEci.Spdy.Tests.Support;

internal static class StreamExtensions
{
    /// <summary>Reads a SPDY stream to its end (FIN or reset).</summary>
    public static async Task<byte[]> ReadToEndAsync(this SpdyStream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int count;
        while ((count = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, count);
        }

        return buffer.ToArray();
    }

    /// <summary>Deterministic pseudo-random bytes, so a failure can be reproduced.</summary>
    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
