namespace OrleansEci.Spdy.Sessions;

/// <summary>The <see cref="Stream"/> view of a <see cref="SpdyStream"/> returned by <see cref="SpdyStream.AsStream"/>.</summary>
internal sealed class SpdyStreamAdapter(SpdyStream stream) : Stream
{
    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException("A SPDY stream has no length.");

    public override long Position
    {
        get => throw new NotSupportedException("A SPDY stream cannot seek.");
        set => throw new NotSupportedException("A SPDY stream cannot seek.");
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        stream.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        stream.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        stream.ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        stream.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        stream.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        stream.WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
        // Every write is handed to the connection's writer, which flushes after each batch.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A SPDY stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A SPDY stream has no length.");

    public override async ValueTask DisposeAsync()
    {
        await CompleteQuietlyAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CompleteQuietlyAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private async ValueTask CompleteQuietlyAsync()
    {
        try
        {
            await stream.CompleteWritesAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Reset or connection gone: there is no write side left to close.
        }
    }
}
