using System.Threading.Channels;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using OrleansEci.Spdy.Compression;
using OrleansEci.Spdy.Framing;

namespace OrleansEci.Spdy.Sessions;

/// <summary>
/// One SPDY/3.1 connection, usable as client (odd stream ids) or server (even ids). A read loop dispatches frames
/// without ever waiting for a consumer, except when a peer that ignores flow control overfills a stream's bounded
/// buffer; a writer loop sends frames in order, compressing header blocks with one zlib context per direction.
/// </summary>
/// <remarks>Written by hand: no maintained .NET SPDY library exists. Behaviour toward Kubernetes peers follows
/// reference/spdy.md (Go spdystream's hard rules); interop is tested against Node's spdy-transport.</remarks>
public sealed partial class SpdySession : IAsyncDisposable
{
    private readonly Stream transport;
    private readonly SpdySessionOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;
    private readonly SpdyFrameReader reader;
    private readonly SpdyFrameWriter writer;
    private readonly Lock gate = new();
    private readonly Dictionary<int, SpdyStream> streams = [];
    private readonly Channel<SpdyStream> incoming = Channel.CreateUnbounded<SpdyStream>();
    private readonly CancellationTokenSource lifetime = new();
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource readerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource peerGoAway = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer? pingTimer;
    private int nextStreamId;
    private int lastRemoteStreamId;
    private int incomingCount;
    private bool goAwaySent;
    private bool goAwayReceived;
    private Exception? terminalError;
    private bool terminated;
    private Task? closeTask;

    private SpdySession(Stream transport, bool isClient, SpdySessionOptions? options, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(transport);
        this.options = options ?? new SpdySessionOptions();
        this.options.Validate();
        this.transport = transport;
        this.logger = logger ?? NullLogger.Instance;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        IsClient = isClient;
        nextStreamId = isClient ? 1 : 2;
        nextPingId = isClient ? 1u : 2u;
        reader = new SpdyFrameReader(transport, new SpdyHeaderDecompressor(this.options.MaxHeaderBlockSize), this.options.MaxFrameSize);
        writer = new SpdyFrameWriter(transport, new SpdyHeaderCompressor(this.options.HeaderCompressionLevel));
        outbound = Channel.CreateUnbounded<Outbound>(new UnboundedChannelOptions { SingleReader = true });
        if (this.options.PingInterval is { } interval)
        {
            pingTimer = this.timeProvider.CreateTimer(_ => SendKeepAlivePing(), null, interval, interval);
        }
    }

    /// <summary>True for the client role (odd stream ids), false for the server role (even ids).</summary>
    public bool IsClient { get; }

    /// <summary>The options in force.</summary>
    public SpdySessionOptions Options => options;

    /// <summary>Completes when the session has ended: successfully after a clean close or the peer closing the
    /// connection, faulted with the cause after a protocol or I/O error.</summary>
    public Task Completion => completion.Task;

    /// <summary>Starts a client session on an upgraded connection and sends its SETTINGS and session window.</summary>
    public static SpdySession StartClient(Stream transport, SpdySessionOptions? options = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        var session = new SpdySession(transport, isClient: true, options, logger, timeProvider);
        session.Start();
        return session;
    }

    /// <summary>Starts a server session. Nothing is sent before the client's first frame: Go clients read the
    /// HTTP 101 with a throw-away buffer and would lose frames that arrive with it.</summary>
    public static SpdySession StartServer(Stream transport, SpdySessionOptions? options = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        var session = new SpdySession(transport, isClient: false, options, logger, timeProvider);
        session.Start();
        return session;
    }

    /// <summary>Opens a stream with SYN_STREAM and returns at once; use <see cref="SpdyStream.WaitForReplyAsync"/>
    /// for the peer's SYN_REPLY. Header names must be lowercase-able and must not be hop-by-hop headers.</summary>
    /// <exception cref="InvalidOperationException">The session is going away or closed.</exception>
    public ValueTask<SpdyStream> OpenStreamAsync(SpdyHeaders headers, bool fin = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        SpdyHeaderRules.EnsureSendable(headers, isReply: false);
        cancellationToken.ThrowIfCancellationRequested();
        headers = headers.Clone(); // the SYN_STREAM is compressed later, on the writer loop
        SpdyStream stream;
        lock (gate)
        {
            ThrowIfUnusable();
            if (nextStreamId < 0)
            {
                throw new InvalidOperationException("This session has used every stream id; open a new connection.");
            }

            stream = new SpdyStream(this, nextStreamId, locallyInitiated: true, headers, StreamBufferLimit);
            nextStreamId += 2;
            stream.InitializeSendWindow(peerInitialWindow);
            if (fin)
            {
                stream.MarkLocalClosed();
            }

            streams.Add(stream.Id, stream);

            // Enqueued under the gate so stream ids reach the wire in increasing order.
            EnqueueControl(new SynStreamFrame(stream.Id, 0, 0, fin, false, headers));
        }

        return ValueTask.FromResult(stream);
    }

    /// <summary>Waits for the next stream the peer opens, or returns null once the session can deliver no more
    /// (GOAWAY sent, or the session ended). Reply to each stream promptly: Kubernetes clients open streams one at a
    /// time and wait for each SYN_REPLY.</summary>
    public async ValueTask<SpdyStream?> AcceptStreamAsync(CancellationToken cancellationToken = default)
    {
        while (await incoming.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (incoming.Reader.TryRead(out var stream))
            {
                return stream;
            }
        }

        return null;
    }

    /// <summary>Sends GOAWAY: the peer may open no more streams; streams already open continue.</summary>
    public ValueTask GoAwayAsync(SpdyGoAwayStatus status = SpdyGoAwayStatus.Ok, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (goAwaySent || terminated)
            {
                return ValueTask.CompletedTask;
            }

            goAwaySent = true;
            EnqueueControl(new GoAwayFrame(lastRemoteStreamId, status));
        }

        incoming.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    internal ILogger Logger => logger;

    private int StreamBufferLimit => Math.Max(options.InitialStreamWindowSize, SpdySessionOptions.DefaultWindowSize);

    private void Start()
    {
        if (IsClient)
        {
            SendInitialFrames();
        }

        _ = Task.Run(RunWriterAsync);
        _ = Task.Run(RunReaderAsync);
    }

    private void SendInitialFrames()
    {
        EnqueueControl(new SettingsFrame(false,
        [
            new SpdySetting(SpdySettingId.MaxConcurrentStreams, (uint)options.MaxConcurrentStreams),
            new SpdySetting(SpdySettingId.InitialWindowSize, (uint)options.InitialStreamWindowSize),
        ]));
        var delta = options.SessionWindowSize - SpdySessionOptions.DefaultWindowSize;
        if (delta > 0)
        {
            EnqueueControl(new WindowUpdateFrame(0, delta));
        }
    }

    private void ThrowIfUnusable()
    {
        if (terminated)
        {
            throw new InvalidOperationException("The SPDY session has ended" + (terminalError is null ? "." : ": " + terminalError.Message), terminalError);
        }

        if (goAwaySent || goAwayReceived || closeTask is not null)
        {
            throw new InvalidOperationException("The SPDY session is going away; open a new connection for new streams.");
        }
    }
}
