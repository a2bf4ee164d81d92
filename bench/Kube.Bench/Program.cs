using System.Globalization;

using OrleansEci.Emulators.Kube.Hosting;
using OrleansEci.Kube.Bench;

var options = BenchOptions.Parse(args);
using var timeout = new CancellationTokenSource(options.PhaseTimeout * 5);
var ct = timeout.Token;
var serverOptions = new KubeApiServerOptions { Https = false };
if (!options.Controllers)
{
    serverOptions.Controllers.DisableAll();
}

await using var server = await KubeApiServer.StartAsync(serverOptions, cancellationToken: ct);
using var http = new KubeHttp(server.BaseUri, options.Clients);
await http.CreateNamespaceAsync(ct);
var report = new Report(options, "dotnet run -c Release --project bench/Kube.Bench -- " + string.Join(' ', args));

Console.WriteLine($"creating {options.Pods} pods ...");
var cpu = new CpuMeter();
var (uids, createTime, createLatencies) = await PodCreator.RunAsync(http, options.Pods, options.Clients, ct);
report.Row("pod creates/s (POST, JSON)", string.Create(CultureInfo.InvariantCulture, $"{options.Pods / createTime.TotalSeconds:N0}/s; {Report.Ms(Percentiles.Of(createLatencies))}"), "–", cpu.Share());

// Warm-up, not reported: the first thousands of requests run tier-0 JIT code and grow the connection pools.
await StatusPatcher.RunAsync(http, uids, Math.Min(options.Patches, 5_000), options.Clients, 0, ct);

Console.WriteLine($"{options.Patches} status PATCHes, no watchers ...");
cpu = new CpuMeter();
var alone = await StatusPatcher.RunAsync(http, uids, options.Patches, options.Clients, 0, ct);
report.Row("status PATCHes/s, no watchers", string.Create(CultureInfo.InvariantCulture, $"{alone.PerSecond:N0}/s ({alone.Failed} failed); {Report.Ms(Percentiles.Of(alone.Latencies()))}"),
    $"≥ 5,000/s: {Report.Met(alone.PerSecond >= 5000 && alone.Failed == 0)}", cpu.Share());

var paced = (int)(options.Rate * options.FanoutDuration.TotalSeconds);
Console.WriteLine($"{paced} status PATCHes at {options.Rate}/s with {options.Watchers} watchers ...");
cpu = new CpuMeter();
var fanout = await Fanout.RunAsync(server.BaseUri, http, uids, paced, options, options.Rate, ct);
report.Row($"watch delivery at {options.Rate:N0} PATCHes/s × {options.Watchers} watchers, from PATCH response", Report.Ms(fanout.FromCompletion),
    $"p99 < 50 ms at ≥ 95 % of the rate, all delivered: {Report.Met(fanout.FromCompletion.P99 < 50 && fanout.Patches.PerSecond >= 0.95 * options.Rate
        && fanout.Deliveries == fanout.ExpectedDeliveries)}", cpu.Share());
report.Row("… same, from PATCH sent", Report.Ms(fanout.FromSend), "–", cpu.Share());
report.Row("… PATCHes/s achieved; deliveries", string.Create(CultureInfo.InvariantCulture,
    $"{fanout.Patches.PerSecond:N0}/s ({fanout.Patches.Failed} failed); {fanout.Deliveries:N0} of {fanout.ExpectedDeliveries:N0} delivered, drained {fanout.Drain.TotalMilliseconds:0} ms after the last PATCH"),
    "–", cpu.Share());

Console.WriteLine($"{options.Patches} status PATCHes, unpaced, with {options.Watchers} watchers ...");
cpu = new CpuMeter();
var saturated = await Fanout.RunAsync(server.BaseUri, http, uids, options.Patches, options, 0, ct);
report.Row($"status PATCHes/s with {options.Watchers} watchers (unpaced)", string.Create(CultureInfo.InvariantCulture,
    $"{saturated.Patches.PerSecond:N0}/s; delivery {Report.Ms(saturated.FromCompletion)}; {saturated.Deliveries:N0} of {saturated.ExpectedDeliveries:N0} delivered"),
    "–", cpu.Share());

report.Note($"Load average after the run: {Report.LoadAverage()}.");
Console.WriteLine();
Console.WriteLine(report);
if (options.Output is { } path)
{
    await File.WriteAllTextAsync(path, report.ToString(), ct);
    Console.WriteLine($"written to {path}");
}
