using k8s;

using OrleansEci.Runtime.Bench;

// Load driver for the runtime (bench/README.md, "Runtime"); `peers` is the child process that hosts both local peers.
if (args.Length > 0 && args[0] == PeerHost.Command)
{
    return await PeerHost.RunAsync(args[1..]);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

using CancellationTokenSource stop = new();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

Report report = new(options);
await using (Peers peers = await Peers.StartAsync(unlimited: !options.Paced, stop.Token))
await using (RuntimeSilo silo = await RuntimeSilo.StartAsync(peers, options, stop.Token))
{
    using var client = new Kubernetes(new KubernetesClientConfiguration { Host = peers.KubeUri.ToString() });
    using var control = new HttpClient { BaseAddress = new Uri(peers.EciUri, "_emulator/") };
    await NodeWait.ReadyAsync(client, silo.Nodes, stop.Token);
    await using PodTracker tracker = new(client);
    BenchContext ctx = new(options, peers, silo, client, tracker, control, report) { BaselineBytes = RuntimeSilo.LiveBytes() };
    report.Note("Local ECI service and local Kubernetes API server (scheduler and controllers on) in a child process; one silo "
        + "(memory grain storage, localhost clustering) and the driver in this process, so memory per pod is the silo's plus the driver's "
        + "small per-pod record (name, timestamps, status signature: about 0.3 KB).");
    report.Note(options.Paced
        ? "ECI emulator at its defaults: published flow control (Create 100 burst + 20/s), Scheduling 2 s + Pending 3 s; runtime at its defaults (client-side ECI buckets at the published limits, Kubernetes QPS 50 burst 100)."
        : "ECI emulator with flow control off and an instant lifecycle; the runtime's client-side ECI buckets off; Kubernetes QPS as configured (default 50, burst 100).");
    if (options.Scenario == Scenario.Steady)
    {
        await SteadyRun.RunAsync(ctx, stop.Token);
    }
    else
    {
        await CreateRun.RunAsync(ctx, stop.Token);
    }

    foreach (var (key, count, first) in silo.Warnings.Snapshot())
    {
        report.Add($"silo log: {key}", $"{count}× — first: {first.Replace('|', '/')}");
    }
}

string text = report.Render();
Console.WriteLine(text);
if (options.Out is string path)
{
    await File.AppendAllTextAsync(path, text + Environment.NewLine);
}

return 0;
