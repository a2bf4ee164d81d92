using System.Globalization;
using System.Security.Cryptography;

namespace OrleansEci.Emulators.Kube.Hosting;

/// <summary>
/// The standalone server's arguments: <c>--port N</c> (0 picks one; default from KUBE_EMULATOR_PORT or 0),
/// <c>--kubeconfig PATH</c>, <c>--http</c> (plain HTTP, no token), <c>--snapshot PATH</c> (keep objects across restarts). HTTPS requires a generated bearer token.
/// </summary>
public static class CommandLine
{
    public static KubeApiServerOptions Parse(string[] args)
    {
        var options = new KubeApiServerOptions();
        var port = Value(args, "--port") ?? Environment.GetEnvironmentVariable(KubeApiServerOptions.PortVariable);
        if (port is not null)
        {
            options.Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                ? p
                : throw new InvalidOperationException($"--port \"{port}\" is not a number. Pass --port 0 to pick a free port.");
        }

        options.Snapshot.Path = Value(args, "--snapshot");
        options.Https = !args.Contains("--http");
        options.Token = options.Https ? Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant() : null;
        options.Validate();
        return options;
    }

    public static string? KubeconfigPath(string[] args) => Value(args, "--kubeconfig");

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0)
        {
            return args.FirstOrDefault(a => a.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
        }

        return at + 1 < args.Length ? args[at + 1] : throw new InvalidOperationException($"{name} needs a value.");
    }
}
