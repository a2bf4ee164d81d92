using System.Diagnostics;

using OrleansEci.Emulators.Kube.Hosting;

namespace OrleansEci.Emulators.Kube.Tests.Protobuf;

/// <summary>
/// The real kubectl's typed generators, which send protobuf bodies and never retry as JSON, against the in-process HTTPS
/// server with its kubeconfig. Skipped with a message when kubectl is not on PATH.
/// </summary>
public sealed class KubectlProtobufTests
{
    [Fact(Timeout = 120_000)]
    public async Task KubectlCreate_NamespaceConfigMapDeploymentSecret_AreStored()
    {
        var kubectl = FindOnPath("kubectl");
        Assert.SkipUnless(kubectl is not null, "kubectl is not on PATH; install kubectl (>= 1.30) to run the real-kubectl protobuf tests");
        var ct = TestContext.Current.CancellationToken;
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, Token = "protobuf-test-token-0123456789" }, cancellationToken: ct);
        var dir = Directory.CreateTempSubdirectory("kubectl-pb-");
        try
        {
            var kubeconfig = Path.Combine(dir.FullName, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, server.Kubeconfig(), ct);

            await RunAsync(kubectl!, dir.FullName, kubeconfig, "create", "namespace", "pb-x");
            await RunAsync(kubectl!, dir.FullName, kubeconfig, "-n", "pb-x", "create", "configmap", "c", "--from-literal=a=b");
            await RunAsync(kubectl!, dir.FullName, kubeconfig, "-n", "pb-x", "create", "deployment", "d", "--image=nginx");
            await RunAsync(kubectl!, dir.FullName, kubeconfig, "-n", "pb-x", "create", "secret", "generic", "s", "--from-literal=k=v");

            var configMap = server.Resources.Get(server.Resources.Registry.Get("", "configmaps"), "pb-x", "c").ToJson();
            Assert.Equal("b", configMap["data"]?["a"]?.GetValue<string>());
            var deployment = server.Resources.Get(server.Resources.Registry.Get("apps", "deployments"), "pb-x", "d").ToJson();
            Assert.Equal("nginx", deployment["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.GetValue<string>());
            var secret = server.Resources.Get(server.Resources.Registry.Get("", "secrets"), "pb-x", "s").ToJson();
            Assert.Equal("dg==", secret["data"]?["k"]?.GetValue<string>());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(string kubectl, string dir, string kubeconfig, params string[] args)
    {
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["KUBECACHEDIR"] = Path.Combine(dir, "cache");
        start.Environment["HOME"] = dir;
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0,
            $"expected `kubectl {string.Join(' ', args)}` to succeed, got exit code {process.ExitCode}: {await stdout}{await stderr}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
