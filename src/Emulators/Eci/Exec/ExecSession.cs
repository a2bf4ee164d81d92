namespace OrleansEci.Emulators.Eci.Exec;

/// <summary>An exec granted by ExecContainerCommand, waiting for its WebSocket to be opened (once, before it expires).</summary>
internal sealed record ExecSession(
    string GroupId,
    string ContainerName,
    IReadOnlyList<string> Command,
    bool Tty,
    bool Stdin,
    DateTimeOffset ExpiresAt);
