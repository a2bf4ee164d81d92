using OrleansEci.Spdy.Sessions;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>Settings of <see cref="RemoteCommandServer"/>.</summary>
public sealed class RemoteCommandServerOptions
{
    /// <summary>Protocols accepted over SPDY. Default v5 (handled as v4) to v1, like a current kubelet.</summary>
    public IReadOnlyList<string> SpdyProtocols { get; set; } = RemoteCommandProtocols.SpdyServerSupported;

    /// <summary>Subprotocols accepted over WebSocket. Default v5, v4, v4 base64, v1, v1 base64.</summary>
    public IReadOnlyList<string> WebSocketProtocols { get; set; } = RemoteCommandProtocols.WebSocketServerSupported;

    /// <summary>How long a SPDY client may take to open all its streams. Default 30 s, the kubelet's default.</summary>
    public TimeSpan StreamCreationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the client's close frame after the WebSocket status was sent. Default 5 s.</summary>
    public TimeSpan WebSocketCloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Options of the SPDY session. Default: <see cref="SpdySessionOptions"/> defaults (no send-window
    /// enforcement, since kube-apiserver and kubectl are Go spdystream peers).</summary>
    public SpdySessionOptions Session { get; set; } = new();

    /// <summary>Checks the values and throws with a message that says how to fix the first bad one.</summary>
    public void Validate()
    {
        if (SpdyProtocols.Count == 0 && WebSocketProtocols.Count == 0)
        {
            throw new ArgumentException("RemoteCommandServerOptions accepts no protocol at all; list at least v4.channel.k8s.io.");
        }

        if (StreamCreationTimeout <= TimeSpan.Zero || WebSocketCloseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"RemoteCommandServerOptions timeouts must be positive (StreamCreationTimeout {StreamCreationTimeout}, WebSocketCloseTimeout {WebSocketCloseTimeout}).");
        }

        Session.Validate();
    }
}
