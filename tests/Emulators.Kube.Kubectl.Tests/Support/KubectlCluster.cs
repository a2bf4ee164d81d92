using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Hosting;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

/// <summary>
/// One local API server over HTTPS (generated CA, bearer token) for a test class, with its kubeconfig and a fresh
/// kubectl cache directory, and a way to run the real kubectl against it with a hang guard. Tests work in their own
/// namespaces. Without kubectl on PATH nothing starts and every test skips.
/// </summary>
public class KubectlCluster : IAsyncLifetime
{
    /// <summary>How long one kubectl run may take before the test fails instead of hanging.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("kubectl-tests-").FullName;
    private KubeApiServer? _server;
    private int _namespaces;

    public KubeApiServer Server => _server ?? throw new InvalidOperationException("The cluster did not start (is kubectl missing? then the test should have skipped).");

    public ResourceService Resources => Server.Resources;

    public string KubeconfigPath => Path.Combine(_directory, "kubeconfig");

    /// <summary>The clock the server runs on; null for the system clock.</summary>
    protected virtual TimeProvider? Time => null;

    /// <summary>Changes the server's options (e.g. turns controllers off) for a derived cluster.</summary>
    protected virtual void ConfigureOptions(KubeApiServerOptions options)
    {
    }

    /// <summary>Extra services (e.g. a kubelet) for a derived cluster.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual async ValueTask InitializeAsync()
    {
        if (KubectlBinary.Path is null)
        {
            return;
        }

        var options = new KubeApiServerOptions { Https = true, Token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)) };
        ConfigureOptions(options);
        _server = await KubeApiServer.StartAsync(options, ConfigureServices, Time, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(KubeconfigPath, _server.Kubeconfig(), TestContext.Current.CancellationToken);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A kubectl killed by its timeout may still hold a cache file; the temp folder is left behind.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Skips the calling test when kubectl is missing.</summary>
    public static void RequireKubectl() => Assert.SkipWhen(KubectlBinary.Path is null, KubectlBinary.SkipReason);

    public Task<KubectlResult> RunAsync(params string[] args) => RunAsync(args, stdin: null, DefaultTimeout);

    /// <summary>
    /// Runs kubectl with the cluster's kubeconfig (and <paramref name="environment"/>); fails the test if it does not exit
    /// within <paramref name="timeout"/>. <paramref name="onStderrLine"/> sees stderr as it is written.
    /// </summary>
    public async Task<KubectlResult> RunAsync(IReadOnlyList<string> args, string? stdin, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null,
        Action<string>? onStderrLine = null)
    {
        RequireKubectl();
        var start = new ProcessStartInfo(KubectlBinary.Path!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG"] = KubeconfigPath;
        start.Environment["KUBECACHEDIR"] = Path.Combine(_directory, "cache");
        start.Environment["HOME"] = _directory;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var commandLine = "kubectl " + string.Join(' ', args);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {KubectlBinary.Path}.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = ReadLinesAsync(process.StandardError, onStderrLine);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"`{commandLine}` did not exit within {timeout.TotalSeconds} s; it was killed.\nstdout so far:\n{await stdout}\nstderr so far:\n{await stderr}");
        }

        return new KubectlResult(commandLine, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Starts kubectl (with <c>-v=6</c>, which logs each response as its headers arrive) and returns once its watch
    /// request was answered, so that later writes reach it as watch events rather than in its initial list.
    /// </summary>
    public async Task<Task<KubectlResult>> StartWatchingAsync(params string[] args)
    {
        var watching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = RunAsync([.. args, "-v=6"], stdin: null, DefaultTimeout, onStderrLine: line =>
        {
            if (line.Contains("watch=true", StringComparison.Ordinal) && line.Contains(" 200 OK", StringComparison.Ordinal))
            {
                watching.TrySetResult();
            }
        });
        await Eventually.UntilAsync(() => watching.Task.IsCompleted || run.IsCompleted, $"`kubectl {string.Join(' ', args)}` to open a watch");
        return run;
    }

    private static async Task<string> ReadLinesAsync(StreamReader reader, Action<string>? onLine)
    {
        var text = new StringBuilder();
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            text.Append(line).Append('\n');
            onLine?.Invoke(line);
        }

        return text.ToString();
    }

    /// <summary>Writes a manifest into the cluster's folder and returns its path (for <c>-f</c>).</summary>
    public string WriteManifest(string name, string yaml)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, yaml, Encoding.UTF8);
        return path;
    }

    /// <summary>A fresh namespace, so tests sharing the cluster do not see each other's objects.</summary>
    public async Task<string> NewNamespaceAsync(string prefix = "t")
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _namespaces)}";
        await Resources.CreateAsync(Type("", "namespaces"), null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } },
            WriteOptions.Default, TestContext.Current.CancellationToken);
        return name;
    }

    public ResourceType Type(string group, string plural) => Server.Registry.Get(group, plural);

    /// <summary>Creates an object in-process (same semantics as HTTP), for state kubectl then reads.</summary>
    public async Task<JsonObject> CreateAsync(string group, string plural, string? ns, string json)
    {
        var result = await Resources.CreateAsync(Type(group, plural), ns, (JsonObject)JsonNode.Parse(json)!, WriteOptions.Default, TestContext.Current.CancellationToken);
        return result.Object.ToJson();
    }

    /// <summary>Replaces an object's status in-process (what a kubelet or controller would write).</summary>
    public async Task SetStatusAsync(string group, string plural, string? ns, string name, string statusJson)
    {
        var status = JsonNode.Parse(statusJson)!;
        await Resources.UpdateWithAsync(Type(group, plural), ns, name, obj =>
        {
            obj["status"] = status.DeepClone();
            return obj;
        }, WriteOptions.Default, "status", TestContext.Current.CancellationToken);
    }
}
