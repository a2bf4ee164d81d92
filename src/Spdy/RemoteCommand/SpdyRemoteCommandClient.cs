using Microsoft.Extensions.Logging;

using OrleansEci.Spdy.Framing;
using OrleansEci.Spdy.Sessions;
using OrleansEci.Spdy.Upgrade;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>
/// The client side of exec/attach over SPDY (what kube-apiserver's stream translator does toward a kubelet): opens
/// error, stdin, stdout, stderr and resize streams one at a time, each after the previous SYN_REPLY, as client-go.
/// </summary>
public sealed class SpdyRemoteCommandClient : IRemoteCommandClient
{
    private readonly SpdySession session;
    private readonly SpdyStream error;
    private readonly SpdyStream? stdin;
    private readonly SpdyStream? resize;

    private SpdyRemoteCommandClient(SpdySession session, string protocol, RemoteCommandRequest request, IReadOnlyDictionary<string, SpdyStream> streams)
    {
        this.session = session;
        Protocol = protocol;
        Request = request;
        error = streams[RemoteCommandStreamTypes.Error];
        stdin = streams.GetValueOrDefault(RemoteCommandStreamTypes.Stdin);
        resize = streams.GetValueOrDefault(RemoteCommandStreamTypes.Resize);
        Stdin = stdin?.AsStream();
        Stdout = streams.GetValueOrDefault(RemoteCommandStreamTypes.Stdout)?.AsStream();
        Stderr = streams.GetValueOrDefault(RemoteCommandStreamTypes.Stderr)?.AsStream();
    }

    /// <inheritdoc />
    public RemoteCommandRequest Request { get; }

    /// <inheritdoc />
    public string Protocol { get; }

    /// <inheritdoc />
    public Stream? Stdin { get; }

    /// <inheritdoc />
    public Stream? Stdout { get; }

    /// <inheritdoc />
    public Stream? Stderr { get; }

    /// <summary>Upgrades a connection to <paramref name="uri"/> (e.g. <c>https://node:10250/exec/ns/pod/c?command=sh&amp;output=1</c>)
    /// and opens the streams. A server that names no protocol is spoken to as v1, as client-go does.</summary>
    public static async Task<SpdyRemoteCommandClient> ConnectAsync(
        Uri uri,
        RemoteCommandRequest request,
        SpdyUpgradeClientOptions? options = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        var upgraded = await SpdyUpgradeClient.ConnectAsync(uri, options, logger, timeProvider, cancellationToken).ConfigureAwait(false);
        try
        {
            var protocol = upgraded.Protocol.Length == 0 ? RemoteCommandProtocols.V1 : upgraded.Protocol;
            return await OpenAsync(upgraded.Session, protocol, request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await upgraded.Session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens the streams <paramref name="request"/> needs on an upgraded session.</summary>
    public static async Task<SpdyRemoteCommandClient> OpenAsync(
        SpdySession session, string protocol, RemoteCommandRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var streams = new Dictionary<string, SpdyStream>(StringComparer.Ordinal);
        string[] order = [RemoteCommandStreamTypes.Error, RemoteCommandStreamTypes.Stdin, RemoteCommandStreamTypes.Stdout,
            RemoteCommandStreamTypes.Stderr, RemoteCommandStreamTypes.Resize];
        var expected = SpdyRemoteCommandServer.ExpectedTypes(protocol, request);
        foreach (var type in order.Where(expected.Contains))
        {
            var stream = await session.OpenStreamAsync(new SpdyHeaders { { RemoteCommandStreamTypes.HeaderName, type } }, cancellationToken: cancellationToken).ConfigureAwait(false);
            await stream.WaitForReplyAsync(cancellationToken).ConfigureAwait(false);
            streams.Add(type, stream);
        }

        return new SpdyRemoteCommandClient(session, protocol, request, streams);
    }

    /// <inheritdoc />
    public ValueTask CloseStdinAsync(CancellationToken cancellationToken = default) =>
        stdin?.CompleteWritesAsync(cancellationToken) ?? ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask ResizeAsync(TerminalSize size, CancellationToken cancellationToken = default) =>
        resize?.WriteAsync(size.ToJsonLine(), cancellationToken) ?? ValueTask.CompletedTask;

    /// <inheritdoc />
    public async Task<RemoteCommandStatus> WaitForStatusAsync(CancellationToken cancellationToken = default)
    {
        using var body = new MemoryStream();
        var buffer = new byte[4096];
        int count;
        while ((count = await error.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            body.Write(buffer, 0, count);
            if (body.Length > 1024 * 1024)
            {
                throw new InvalidDataException("The error stream carries more than 1 MiB; it should hold one status.");
            }
        }

        // A v4+ kubelet always writes a Status before closing; an error stream reset without one means the command's
        // end is unknown, and reporting success then would hide a crash (client-go would say success here).
        if (body.Length == 0 && error.ResetStatus is { } reset && RemoteCommandProtocols.HasStatusJson(Protocol))
        {
            return RemoteCommandStatus.Failure($"the remote command ended without reporting a status (error stream reset: {reset})");
        }

        return RemoteCommandStatus.Decode(Protocol, body.ToArray());
    }

    /// <summary>Closes the SPDY session (resetting any stream still open).</summary>
    public ValueTask DisposeAsync() => session.DisposeAsync();
}
