using System.Text;

namespace OrleansEci.Emulators.Kube.Hosting;

/// <summary>Writes a kubeconfig for the local server: its URL, the CA (for HTTPS) and the bearer token.</summary>
public static class Kubeconfig
{
    public const string Name = "orleans-eci-local";

    public static string Render(Uri server, string? caPem, string? token)
    {
        var builder = new StringBuilder();
        builder.AppendLine("apiVersion: v1");
        builder.AppendLine("kind: Config");
        builder.AppendLine("clusters:");
        builder.AppendLine($"- name: {Name}");
        builder.AppendLine("  cluster:");
        builder.AppendLine($"    server: {server.ToString().TrimEnd('/')}");
        if (caPem is not null)
        {
            builder.AppendLine($"    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem))}");
        }

        builder.AppendLine("contexts:");
        builder.AppendLine($"- name: {Name}");
        builder.AppendLine("  context:");
        builder.AppendLine($"    cluster: {Name}");
        builder.AppendLine("    user: admin");
        builder.AppendLine("    namespace: default");
        builder.AppendLine($"current-context: {Name}");
        builder.AppendLine("users:");
        builder.AppendLine("- name: admin");
        builder.AppendLine(token is null ? "  user: {}" : "  user:");
        if (token is not null)
        {
            builder.AppendLine($"    token: {token}");
        }

        return builder.ToString();
    }

    public static async Task WriteAsync(string path, Uri server, string? caPem, string? token, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(path, Render(server, caPem, token), cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
