namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>Kubernetes remote-command protocol names (apimachinery <c>pkg/util/remotecommand/constants.go</c>;
/// kubelet <c>cri/streaming/remotecommand/websocket.go</c>).</summary>
public static class RemoteCommandProtocols
{
    /// <summary>v5: adds the WebSocket CLOSE signal (channel 255). Over SPDY it is handled exactly like v4.</summary>
    public const string V5 = "v5.channel.k8s.io";

    /// <summary>v4: the error stream carries a metav1.Status JSON with the exit code.</summary>
    public const string V4 = "v4.channel.k8s.io";

    /// <summary>v3: adds the resize stream.</summary>
    public const string V3 = "v3.channel.k8s.io";

    /// <summary>v2: the error stream carries plain text.</summary>
    public const string V2 = "v2.channel.k8s.io";

    /// <summary>v1: the original channel protocol.</summary>
    public const string V1 = "channel.k8s.io";

    /// <summary>WebSocket v4 with base64 text messages (channel as an ASCII digit).</summary>
    public const string V4Base64 = "v4.base64.channel.k8s.io";

    /// <summary>WebSocket v1 with base64 text messages.</summary>
    public const string V1Base64 = "base64.channel.k8s.io";

    /// <summary>What client-go offers over SPDY, in its order of preference (kubectl and kube-apiserver).</summary>
    public static IReadOnlyList<string> SpdyClientPreference { get; } = [V5, V4, V3, V2, V1];

    /// <summary>What a kubelet accepts over SPDY: v4 to v1, plus v5 handled as v4 (newer kubelets).</summary>
    public static IReadOnlyList<string> SpdyServerSupported { get; } = [V5, V4, V3, V2, V1];

    /// <summary>What a kubelet or API server accepts over WebSocket.</summary>
    public static IReadOnlyList<string> WebSocketServerSupported { get; } = [V5, V4, V4Base64, V1, V1Base64];

    /// <summary>Whether the error stream carries a metav1.Status JSON (v4, v5) rather than plain text.</summary>
    public static bool HasStatusJson(string protocol) => protocol is V5 or V4 or V4Base64;

    /// <summary>Whether a resize stream exists (v3 and later; every WebSocket protocol has channel 4).</summary>
    public static bool HasResizeStream(string protocol) => protocol is not (V2 or V1);
}
