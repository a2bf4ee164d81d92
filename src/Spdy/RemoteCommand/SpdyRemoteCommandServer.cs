using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using OrleansEci.Spdy.Framing;
using OrleansEci.Spdy.Sessions;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>The kubelet side of exec/attach over SPDY: accepts the client's streams (error, stdin, stdout, stderr,
/// resize), replying to each at once because client-go opens them one at a time and waits for each reply.</summary>
public static class SpdyRemoteCommandServer
{
    /// <summary>Waits until the client has opened every stream <paramref name="request"/> implies, or throws
    /// <see cref="TimeoutException"/> after <paramref name="streamCreationTimeout"/> (the kubelet's default is 30 s).
    /// Streams of unknown or unexpected types are reset.</summary>
    public static async Task<IRemoteCommandStreams> AcceptAsync(
        SpdySession session,
        string protocol,
        RemoteCommandRequest request,
        TimeSpan streamCreationTimeout,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var expected = ExpectedTypes(protocol, request);
        var streams = new Dictionary<string, SpdyStream>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(streamCreationTimeout, timeProvider ?? TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            while (streams.Count < expected.Count)
            {
                var stream = await session.AcceptStreamAsync(linked.Token).ConfigureAwait(false)
                    ?? throw new IOException($"The client closed the connection after creating {streams.Count} of {expected.Count} streams.");
                var type = stream.Headers[RemoteCommandStreamTypes.HeaderName] ?? "";
                if (!expected.Contains(type) || !streams.TryAdd(type, stream))
                {
                    RemoteCommandLog.UnexpectedStream(logger ?? NullLogger.Instance, type, stream.Id);
                    await stream.ResetAsync(SpdyStreamStatus.ProtocolError).ConfigureAwait(false);
                    continue;
                }

                await stream.ReplyAsync(cancellationToken: linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"timed out waiting for client to create streams: got [{string.Join(", ", streams.Keys)}], expected [{string.Join(", ", expected)}]");
        }

        return new SpdyRemoteCommandStreams(session, protocol, request, streams, logger ?? NullLogger.Instance);
    }

    /// <summary>The stream types a client opens for <paramref name="request"/> under <paramref name="protocol"/>.</summary>
    public static IReadOnlySet<string> ExpectedTypes(string protocol, RemoteCommandRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var types = new HashSet<string>(StringComparer.Ordinal) { RemoteCommandStreamTypes.Error };
        if (request.Stdin)
        {
            types.Add(RemoteCommandStreamTypes.Stdin);
        }

        if (request.Stdout)
        {
            types.Add(RemoteCommandStreamTypes.Stdout);
        }

        if (request.HasStderrStream)
        {
            types.Add(RemoteCommandStreamTypes.Stderr);
        }

        if (request.Tty && RemoteCommandProtocols.HasResizeStream(protocol))
        {
            types.Add(RemoteCommandStreamTypes.Resize);
        }

        return types;
    }
}
