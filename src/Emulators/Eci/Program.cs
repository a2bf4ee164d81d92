using OrleansEci.Emulators.Eci.Hosting;

// The standalone local ECI service: prints its base URL on stdout, logs to stderr, stops on Ctrl+C / SIGTERM.
EciEmulatorOptions options;
try
{
    options = CommandLine.Parse(args, Environment.GetEnvironmentVariable);
    options.Validate();
}
catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

await using EciEmulatorHost host = await EciEmulatorHost.StartAsync(options, TimeProvider.System,
    logging => logging.AddSimpleConsole().AddFilter("Microsoft", LogLevel.Warning)
        .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
Console.WriteLine(host.BaseUri);
await host.WaitForShutdownAsync();
return 0;
