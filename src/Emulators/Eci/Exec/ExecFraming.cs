using System.Text;
using System.Text.Json;

namespace OrleansEci.Emulators.Eci.Exec;

/// <summary>
/// The exec WebSocket framing. ECI does not publish one (reference §3.7), so the emulator uses Kubernetes'
/// <c>v5.channel.k8s.io</c> convention (https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/apimachinery/pkg/util/remotecommand/constants.go):
/// every binary message starts with a channel byte — 0 stdin (client→server), 1 stdout, 2 stderr,
/// 3 status (a JSON metav1.Status, sent once before the server closes), 4 resize (JSON {"Width","Height"},
/// accepted and ignored), 255 close (client sends [255, 0] to close stdin). Text messages are treated like binary.
/// With TTY, stderr is merged into stdout, output newlines become CRLF and typed input is echoed.
/// </summary>
internal static class ExecFraming
{
    public const byte Stdin = 0;
    public const byte Stdout = 1;
    public const byte Stderr = 2;
    public const byte Status = 3;
    public const byte Resize = 4;
    public const byte Close = 255;

    public static readonly string[] SubProtocols = ["v5.channel.k8s.io", "v4.channel.k8s.io", "channel.k8s.io"];

    public static byte[] Frame(byte channel, string text)
    {
        byte[] payload = Encoding.UTF8.GetBytes(text);
        byte[] frame = new byte[payload.Length + 1];
        frame[0] = channel;
        payload.CopyTo(frame, 1);
        return frame;
    }

    /// <summary>The Kubernetes status object for an exit code (Success, or Failure/NonZeroExitCode with the code).</summary>
    public static string StatusJson(int exitCode) => exitCode == 0
        ? """{"metadata":{},"status":"Success"}"""
        : JsonSerializer.Serialize(new
        {
            metadata = new { },
            status = "Failure",
            message = $"command terminated with non-zero exit code: exit status {exitCode}",
            reason = "NonZeroExitCode",
            details = new { causes = new[] { new { reason = "ExitCode", message = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) } } },
        });
}
