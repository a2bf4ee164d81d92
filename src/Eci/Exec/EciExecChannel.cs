namespace OrleansEci.Eci.Exec;

/// <summary>
/// The channel byte that starts every message on ExecContainerCommand's WebSocket. Alibaba does not publish this framing
/// (eci-openapi.md §3.7); these are the values of Kubernetes' <c>v5.channel.k8s.io</c> convention
/// (k8s.io/apimachinery/pkg/util/remotecommand/constants.go), which the local ECI service speaks
/// (src/Emulators/Eci/Exec/ExecFraming.cs). Against the real ECI this is an assumption, not a documented contract.
/// </summary>
public enum EciExecChannel : byte
{
    /// <summary>Standard input, client to ECI.</summary>
    Stdin = 0,

    /// <summary>Standard output (with a TTY also the merged standard error).</summary>
    Stdout = 1,

    /// <summary>Standard error (not used with a TTY).</summary>
    Stderr = 2,

    /// <summary>How the command ended: one metav1.Status JSON, sent before ECI closes the socket.</summary>
    Status = 3,

    /// <summary>A terminal size <c>{"Width":80,"Height":24}</c>, client to ECI.</summary>
    Resize = 4,

    /// <summary>Close signal: <c>[255, 0]</c> closes standard input.</summary>
    Close = 255,
}
