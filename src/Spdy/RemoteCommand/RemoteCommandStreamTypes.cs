namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>Values of the <c>streamType</c> SPDY header (sent lowercased as <c>streamtype</c>).</summary>
public static class RemoteCommandStreamTypes
{
    /// <summary>The header name on the wire.</summary>
    public const string HeaderName = "streamtype";

    /// <summary>Server to client: the final status (text in v1–v3, metav1.Status JSON in v4/v5).</summary>
    public const string Error = "error";

    /// <summary>Client to server: standard input.</summary>
    public const string Stdin = "stdin";

    /// <summary>Server to client: standard output.</summary>
    public const string Stdout = "stdout";

    /// <summary>Server to client: standard error (absent with a TTY).</summary>
    public const string Stderr = "stderr";

    /// <summary>Client to server: terminal sizes as JSON lines (v3 and later, TTY only).</summary>
    public const string Resize = "resize";
}
