namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>
/// The requesting side's view of a command running elsewhere (what kubectl, or kube-apiserver toward a kubelet,
/// holds): write stdin, read stdout/stderr, send resizes, and get the final status.
/// </summary>
public interface IRemoteCommandClient : IAsyncDisposable
{
    /// <summary>The request the streams were opened for.</summary>
    RemoteCommandRequest Request { get; }

    /// <summary>The negotiated protocol.</summary>
    string Protocol { get; }

    /// <summary>Standard input to write. Null if not requested.</summary>
    Stream? Stdin { get; }

    /// <summary>Standard output to read until 0. Null if not requested.</summary>
    Stream? Stdout { get; }

    /// <summary>Standard error to read until 0. Null if not requested or with a TTY.</summary>
    Stream? Stderr { get; }

    /// <summary>Signals end of input to the command (SPDY FIN on the stdin stream).</summary>
    ValueTask CloseStdinAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends a terminal size; ignored without a TTY or before v3.</summary>
    ValueTask ResizeAsync(TerminalSize size, CancellationToken cancellationToken = default);

    /// <summary>Waits for the command's final status. Read stdout and stderr to their end first, as client-go does.</summary>
    Task<RemoteCommandStatus> WaitForStatusAsync(CancellationToken cancellationToken = default);
}
