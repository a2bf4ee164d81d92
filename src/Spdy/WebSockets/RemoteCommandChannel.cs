namespace OrleansEci.Spdy.WebSockets;

/// <summary>Channel numbers of the Kubernetes WebSocket channel protocol (the first byte of every message).</summary>
public static class RemoteCommandChannel
{
    /// <summary>Client to server: standard input.</summary>
    public const byte Stdin = 0;

    /// <summary>Server to client: standard output.</summary>
    public const byte Stdout = 1;

    /// <summary>Server to client: standard error.</summary>
    public const byte Stderr = 2;

    /// <summary>Server to client: the final status.</summary>
    public const byte Error = 3;

    /// <summary>Client to server: terminal sizes as JSON.</summary>
    public const byte Resize = 4;

    /// <summary>v5 only: <c>[255, channel]</c> half-closes one channel (e.g. stdin at EOF).</summary>
    public const byte Close = 255;
}
