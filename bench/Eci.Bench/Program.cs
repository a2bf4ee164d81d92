using OrleansEci.Eci.Bench;

// Measures client→local ECI service calls/s; prints a Markdown table (see bench/README.md).
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

Console.WriteLine(ResultTable.Header(options));
foreach (Scenario scenario in Scenarios.All(options).Where(s => options.Only is null || s.Name.Contains(options.Only, StringComparison.OrdinalIgnoreCase)))
{
    foreach (int concurrency in options.Concurrency)
    {
        await using BenchService service = await BenchService.StartAsync(stop.Token);
        await scenario.Prepare(service, stop.Token);
        LoadResult result = await LoadDriver.RunAsync(scenario, service, concurrency, options, stop.Token);
        Console.WriteLine(ResultTable.Row(result));
    }
}

return 0;
