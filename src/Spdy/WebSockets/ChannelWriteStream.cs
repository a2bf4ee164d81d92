namespace OrleansEci.Spdy.WebSockets;

/// <summary>A write-only <see cref="Stream"/> whose writes become channel messages.</summary>
internal sealed class ChannelWriteStream(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> write) : Stream
{
    public override bool CanRead => false;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException("An output channel has no length.");

    public override long Position
    {
        get => throw new NotSupportedException("An output channel cannot seek.");
        set => throw new NotSupportedException("An output channel cannot seek.");
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        buffer.IsEmpty ? ValueTask.CompletedTask : write(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
        // Each write is sent as its own message.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("An output channel cannot be read.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("An output channel cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("An output channel has no length.");
}
