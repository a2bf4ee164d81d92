using System.Diagnostics;

using k8s.Models;

namespace OrleansEci.Emulators.Kube.Tests.Hosting;

/// <summary>The README's command: the standalone server on port 0 writes a kubeconfig the official client can use.</summary>
public sealed class StandaloneServerTests
{
    [Fact(Timeout = 30_000)]
    public async Task Run_PortZeroAndKubeconfig_ServesHttpsWithTheWrittenKubeconfig()
    {
        var ct = TestContext.Current.CancellationToken;
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"kube-{Guid.NewGuid():N}.yaml");
        var assembly = Path.Combine(AppContext.BaseDirectory, "OrleansEci.Emulators.Kube.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { assembly, "--port", "0", "--kubeconfig", kubeconfig })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(ct);
            Assert.True(line?.StartsWith("Kubernetes API server listening on https://127.0.0.1:", StringComparison.Ordinal) == true,
                $"expected the URL line first, got '{line}' (stderr: {(process.HasExited ? await process.StandardError.ReadToEndAsync(ct) : "")})");
            Assert.StartsWith("kubeconfig written to", await process.StandardOutput.ReadLineAsync(ct));

            var config = await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(new FileInfo(kubeconfig));
            using var client = new Kubernetes(config);
            var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: ct);
            Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(ct);
            File.Delete(kubeconfig);
        }
    }
}
