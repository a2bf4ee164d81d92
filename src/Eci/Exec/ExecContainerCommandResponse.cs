namespace OrleansEci.Eci.Exec;

/// <summary>ExecContainerCommand's answer.</summary>
public sealed record ExecContainerCommandResponse : EciResponse
{
    /// <summary>The WebSocket that carries the session (framing not published by Alibaba).</summary>
    public string? WebSocketUri { get; init; }

    /// <summary>A browser terminal URL, valid 30 s.</summary>
    public string? HttpUrl { get; init; }

    /// <summary>The output, with Sync=true.</summary>
    public string? SyncResponse { get; init; }
}
