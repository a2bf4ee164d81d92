using k8s.Models;
using OrleansEci.Eci.ContainerGroups;
using EciProbe = OrleansEci.Eci.ContainerGroups.Probe;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>Liveness/readiness probes and postStart/preStop hooks in ECI's shapes (eci-openapi.md §3.1).</summary>
internal static class ProbeMapper
{
    public static EciProbe? Probe(MappingScope scope, V1Container container, V1Probe? probe, string where)
    {
        if (probe is null)
        {
            return null;
        }

        var mapped = new EciProbe
        {
            InitialDelaySeconds = probe.InitialDelaySeconds,
            PeriodSeconds = probe.PeriodSeconds,
            TimeoutSeconds = probe.TimeoutSeconds,
            SuccessThreshold = probe.SuccessThreshold,
            FailureThreshold = probe.FailureThreshold,
        };
        if (probe.TerminationGracePeriodSeconds is not null)
        {
            scope.Note($"{where}: terminationGracePeriodSeconds of the probe is not applied; the pod's applies.");
        }

        if (probe.Exec is { } exec)
        {
            return mapped with { Exec = new ExecAction { Commands = [.. exec.Command ?? []] } };
        }

        if (probe.HttpGet is { } http)
        {
            if (http.Host is { Length: > 0 } || http.HttpHeaders is { Count: > 0 })
            {
                scope.Note($"{where}: httpGet host and httpHeaders are not applied; ECI probes send a plain GET to the pod.");
            }

            int? port = Port(scope, container, http.Port, where);
            return port is null ? null : mapped with { HttpGet = new HttpGetAction { Path = http.Path, Port = port, Scheme = http.Scheme?.ToUpperInvariant() } };
        }

        if (probe.TcpSocket is { } tcp)
        {
            int? port = Port(scope, container, tcp.Port, where);
            return port is null ? null : mapped with { TcpSocket = new TcpSocketAction(port.Value) };
        }

        scope.Note($"{where}: only exec, httpGet and tcpSocket probes exist on ECI; this probe (grpc?) is not applied.");
        return null;
    }

    public static LifecycleHandler? Hook(MappingScope scope, V1Container container, V1LifecycleHandler? hook, string where)
    {
        if (hook is null)
        {
            return null;
        }

        if (hook.Exec is { } exec)
        {
            return new LifecycleHandler { ExecCommand = [.. exec.Command ?? []] };
        }

        if (hook.HttpGet is { } http)
        {
            int? port = Port(scope, container, http.Port, where);
            return port is null ? null : new LifecycleHandler
            {
                HttpGetHost = http.Host,
                HttpGetPath = http.Path,
                HttpGetPort = port,
                HttpGetScheme = http.Scheme?.ToUpperInvariant(),
                HttpGetHttpHeaders = http.HttpHeaders is { Count: > 0 } h ? [.. h.Select(x => new HttpHeader(x.Name, x.Value))] : null,
            };
        }

        if (hook.TcpSocket is { } tcp)
        {
            int? port = Port(scope, container, tcp.Port, where);
            return port is null ? null : new LifecycleHandler { TcpSocketHost = tcp.Host, TcpSocketPort = port };
        }

        scope.Note($"{where}: only exec, httpGet and tcpSocket hooks exist on ECI; this hook (sleep?) is not applied.");
        return null;
    }

    /// <summary>A port number, or a named port of the container resolved to its number.</summary>
    private static int? Port(MappingScope scope, V1Container container, IntOrString? port, string where)
    {
        string text = port?.Value ?? "";
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number) && number is >= 1 and <= 65535)
        {
            return number;
        }

        if (container.Ports?.FirstOrDefault(p => p.Name == text) is { } named)
        {
            return named.ContainerPort;
        }

        scope.Unsupported(MappingReasons.InvalidSpec, $"{where}: port \"{text}\" is neither a number in 1–65535 nor the name of one of container {container.Name}'s ports.");
        return null;
    }
}
