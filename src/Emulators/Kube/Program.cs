using OrleansEci.Emulators.Kube.Hosting;

// The standalone local Kubernetes API server: dotnet run --project src/Emulators/Kube -- --port 0 --kubeconfig .sandbox/kubeconfig
var options = CommandLine.Parse(args);
await using var server = await KubeApiServer.StartAsync(options);
if (CommandLine.KubeconfigPath(args) is { } path)
{
    await File.WriteAllTextAsync(path, server.Kubeconfig());
    if (!OperatingSystem.IsWindows())
    {
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}

Console.WriteLine($"Kubernetes API server listening on {server.BaseUri}");
Console.WriteLine(CommandLine.KubeconfigPath(args) is { } written ? $"kubeconfig written to {Path.GetFullPath(written)}" : "no --kubeconfig given; none written");
// The web host's console lifetime takes SIGTERM and SIGINT itself (it only asks the application to stop), so
// Console.CancelKeyPress never fires: wait for the host's own stopping signal instead.
var lifetime = server.Services.GetRequiredService<IHostApplicationLifetime>();
try
{
    await Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping);
}
catch (OperationCanceledException)
{
    // Ctrl+C or SIGTERM: dispose and exit.
}
