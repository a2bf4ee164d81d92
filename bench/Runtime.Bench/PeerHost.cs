using OrleansEci.Emulators.Eci.Hosting;
using OrleansEci.Emulators.Kube.Hosting;

namespace OrleansEci.Runtime.Bench;

/// <summary>
/// The child process (<c>peers</c>): the local ECI service and the local Kubernetes API server (scheduler and
/// controllers on, metrics scraping off, plain HTTP, no token) on 127.0.0.1. Prints <c>eci=URL</c>, <c>kube=URL</c>, then <c>ready</c>, and
/// stops when its standard input closes (the driver exited or disposed it).
/// </summary>
internal static class PeerHost
{
    public const string Command = "peers";
    public const string UnlimitedFlag = "--unlimited";
    public const string AccessKeyId = "LTAI-bench";
    public const string AccessKeySecret = "runtime-bench-secret";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        bool unlimited = args.Contains(UnlimitedFlag);
        EciEmulatorOptions eciOptions = new() { RandomSeed = 7 };
        eciOptions.AccessKeys.Add(new AccessKeyCredential(AccessKeyId, AccessKeySecret));
        if (unlimited)
        {
            // Scenario (b): no flow control and an instant lifecycle, so only the runtime limits pods/s.
            eciOptions.RateLimits.Unlimited = true;
            eciOptions.Lifecycle.Scheduling = TimeSpan.Zero;
            eciOptions.Lifecycle.Pending = TimeSpan.Zero;
        }

        await using EciEmulatorHost eci = await EciEmulatorHost.StartAsync(eciOptions);
        // No metrics scraping: the virtual nodes' kubelet API is not part of this benchmark (nothing listens on 10250).
        KubeApiServerOptions kubeOptions = new() { Https = false };
        kubeOptions.Metrics.Enabled = false;
        await using KubeApiServer kube = await KubeApiServer.StartAsync(kubeOptions);
        Console.WriteLine($"eci={eci.BaseUri}");
        Console.WriteLine($"kube={kube.BaseUri}");
        Console.WriteLine("ready");
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
