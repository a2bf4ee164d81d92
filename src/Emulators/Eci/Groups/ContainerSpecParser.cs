using System.Text.RegularExpressions;

using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>Parses and validates <c>Container.N.*</c> and <c>InitContainer.N.*</c> (reference §3.1).</summary>
internal static partial class ContainerSpecParser
{
    public const int MaxContainers = 20;

    public static IReadOnlyList<ContainerSpec> ParseAll(RpcParameters p, string prefix, IReadOnlySet<string> volumeNames)
    {
        IReadOnlyList<string> items = p.Items(prefix);
        if (items.Count > MaxContainers)
        {
            throw EciErrors.InvalidParameter(prefix, $"A container group holds at most {MaxContainers} containers; {items.Count} were given.");
        }

        List<ContainerSpec> containers = [.. items.Select(item => Parse(p, item, volumeNames))];
        string? duplicate = containers.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1)?.Key;
        return duplicate is not null
            ? throw EciErrors.InvalidParameter(prefix + ".N.Name", $"Container names must be unique; \"{duplicate}\" repeats.")
            : containers;
    }

    private static ContainerSpec Parse(RpcParameters p, string item, IReadOnlySet<string> volumeNames)
    {
        string name = p.Required(item + ".Name");
        if (name.Length > 63 || !DnsLabel().IsMatch(name))
        {
            throw EciErrors.InvalidParameter(item + ".Name", "Use 1-63 lowercase letters, digits and '-', not starting or ending with '-'.");
        }

        string policy = p.Optional(item + ".ImagePullPolicy") ?? "IfNotPresent";
        if (policy is not ("Always" or "IfNotPresent" or "Never"))
        {
            throw EciErrors.InvalidParameter(item + ".ImagePullPolicy", "Use Always, IfNotPresent or Never.");
        }

        return new ContainerSpec
        {
            Name = name,
            Image = p.Required(item + ".Image"),
            ImagePullPolicy = policy,
            Cpu = p.Double(item + ".Cpu", 0, 64) ?? 0,
            Memory = p.Double(item + ".Memory", 0, 512) ?? 0,
            Gpu = p.Int(item + ".Gpu", 0, 16) ?? 0,
            WorkingDir = p.Optional(item + ".WorkingDir"),
            Commands = p.List(item + ".Command"),
            Args = p.List(item + ".Arg"),
            Env = ParseEnv(p, item),
            Ports = ParsePorts(p, item),
            VolumeMounts = ParseMounts(p, item, volumeNames),
            Stdin = p.Bool(item + ".Stdin") ?? false,
            StdinOnce = p.Bool(item + ".StdinOnce") ?? false,
            Tty = p.Bool(item + ".Tty") ?? false,
            LivenessProbe = ParseProbe(p, item + ".LivenessProbe"),
            ReadinessProbe = ParseProbe(p, item + ".ReadinessProbe"),
            CapabilityAdds = p.List(item + ".SecurityContext.Capability.Add"),
            ReadOnlyRootFilesystem = p.Bool(item + ".SecurityContext.ReadOnlyRootFilesystem"),
            RunAsUser = p.Long(item + ".SecurityContext.RunAsUser"),
            HasPreStop = p.All.Keys.Any(k => k.StartsWith(item + ".LifecyclePreStopHandler", StringComparison.Ordinal)),
        };
    }

    private static List<EnvVarSpec> ParseEnv(RpcParameters p, string item)
    {
        List<EnvVarSpec> env = [];
        foreach (string e in p.Items(item + ".EnvironmentVar"))
        {
            string key = p.Required(e + ".Key");
            if (key.Length > 128 || !EnvKey().IsMatch(key))
            {
                throw EciErrors.InvalidParameter(e + ".Key", "Use 1-128 letters, digits and '_', not starting with a digit.");
            }

            env.Add(new EnvVarSpec(key, p[e + ".Value"], p.Optional(e + ".FieldRef.FieldPath")));
        }

        return env;
    }

    private static List<PortSpec> ParsePorts(RpcParameters p, string item)
    {
        List<PortSpec> ports = [];
        foreach (string port in p.Items(item + ".Port"))
        {
            int number = p.Int(port + ".Port", 1, 65535) ?? throw EciErrors.MissingParameter(port + ".Port");
            string protocol = p.Optional(port + ".Protocol") ?? "TCP";
            if (protocol is not ("TCP" or "UDP"))
            {
                throw EciErrors.InvalidParameter(port + ".Protocol", "Use TCP or UDP.");
            }

            ports.Add(new PortSpec(number, protocol));
        }

        return ports;
    }

    private static List<VolumeMountSpec> ParseMounts(RpcParameters p, string item, IReadOnlySet<string> volumeNames)
    {
        List<VolumeMountSpec> mounts = [];
        foreach (string m in p.Items(item + ".VolumeMount"))
        {
            string name = p.Required(m + ".Name");
            if (!volumeNames.Contains(name))
            {
                throw EciErrors.InvalidParameter(m + ".Name", $"No volume named \"{name}\" is declared in Volume.N.Name.");
            }

            mounts.Add(new VolumeMountSpec(name, p.Required(m + ".MountPath"), p.Optional(m + ".SubPath"),
                p.Bool(m + ".ReadOnly") ?? false, p.Optional(m + ".MountPropagation")));
        }

        return mounts;
    }

    private static ProbeSpec? ParseProbe(RpcParameters p, string prefix)
    {
        if (!p.All.Keys.Any(k => k.StartsWith(prefix + ".", StringComparison.Ordinal)))
        {
            return null;
        }

        IReadOnlyList<string> execs = p.List(prefix + ".Exec.Command");
        int? httpPort = p.Int(prefix + ".HttpGet.Port", 1, 65535);
        int? tcpPort = p.Int(prefix + ".TcpSocket.Port", 1, 65535);
        int handlers = (execs.Count > 0 ? 1 : 0) + (httpPort is null ? 0 : 1) + (tcpPort is null ? 0 : 1);
        if (handlers != 1)
        {
            throw EciErrors.InvalidParameter(prefix, "A probe needs exactly one handler: Exec.Command, HttpGet or TcpSocket.");
        }

        return new ProbeSpec(execs, p.Optional(prefix + ".HttpGet.Path"), httpPort, p.Optional(prefix + ".HttpGet.Scheme"), tcpPort,
            p.Int(prefix + ".InitialDelaySeconds", 0) ?? 0, p.Int(prefix + ".PeriodSeconds", 1) ?? 10,
            p.Int(prefix + ".TimeoutSeconds", 1) ?? 1, p.Int(prefix + ".SuccessThreshold", 1) ?? 1, p.Int(prefix + ".FailureThreshold", 1) ?? 3);
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvKey();
}
