using System.Runtime.InteropServices;

using k8s;
using k8s.Models;

using Spectre.Console;

namespace OrleansEci.Silo.Sandbox;

/// <summary>`dotnet run --project src/Silo -- sandbox`: starts the <see cref="Sandbox"/>, says how to use it, shows pods live.</summary>
internal static class SandboxCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (options, error) = SandboxOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(error);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        // SIGTERM (docker stop, kill) stops the sandbox as Ctrl+C does: this command, not the inner hosts, owns shutdown.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });

        AnsiConsole.MarkupLine("[grey]Starting the local ECI service, the local Kubernetes API server and one silo…[/]");
        await using Sandbox sandbox = await Sandbox.StartAsync(options, stop.Token);
        await sandbox.WaitForNodesAsync(stop.Token);
        PrintWelcome(sandbox);
        try
        {
            if (options.Demo > 0)
            {
                AnsiConsole.MarkupLine($"[grey]Demo: a Deployment of {options.Demo} pods on the virtual nodes…[/]");
                IReadOnlyDictionary<string, string>? annotations = null;
                if (options.NoStockZone is { } soldOut)
                {
                    annotations = DemoRun.EveryZone(sandbox.Eci.Region.VSwitches.Select(v => v.VSwitchId));
                    AnsiConsole.MarkupLine($"[grey]Zone {Markup.Escape(soldOut)} is sold out; the demo's pods list every zone's vSwitch "
                        + "(k8s.aliyun.com/eci-vswitch) and fall back. kubectl describe pod shows the NoStock events.[/]");
                }

                var result = await DemoRun.RunAsync(sandbox.Client, options.Demo, TimeProvider.System, stop.Token, annotations);
                AnsiConsole.MarkupLine($"[green]Demo:[/] {Markup.Escape(result.ToString())}");
            }

            if (!options.Once)
            {
                await LiveViewAsync(sandbox.Client, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        AnsiConsole.MarkupLine("[grey]Stopping…[/]");
        return 0;
    }

    private static void PrintWelcome(Sandbox sandbox)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[bold]kubectl[/]", Markup.Escape($"export KUBECONFIG={sandbox.KubeconfigPath}; kubectl get nodes"));
        grid.AddRow("[bold]try[/]", Markup.Escape("the workflows in the README's Sandbox section, e.g. kubectl run web --image=nginx "
            + "--overrides='{\"spec\":{\"nodeSelector\":{\"type\":\"virtual-kubelet\"},\"tolerations\":[{\"key\":\"virtual-kubelet.io/provider\",\"operator\":\"Exists\"}]}}'"));
        grid.AddRow("[bold]pods dashboard[/]", Markup.Escape(sandbox.PodLifecycleUri.ToString()));
        grid.AddRow("[bold]Orleans dashboard[/]", Markup.Escape(sandbox.DashboardUri.ToString()));
        grid.AddRow("[bold]ECI service[/]", Markup.Escape(sandbox.EciUri.ToString()));
        grid.AddRow("[bold]API server[/]", Markup.Escape(sandbox.KubeUri.ToString()));
        grid.AddRow("[bold]logs[/]", Markup.Escape(Path.Combine(Path.GetDirectoryName(sandbox.KubeconfigPath)!, "sandbox.log")));
        AnsiConsole.Write(new Panel(grid).Header("Orleans.Eci sandbox: two virtual nodes are Ready").Border(BoxBorder.Rounded));
    }

    /// <summary>Pods per node and phase, refreshed every second until Ctrl+C.</summary>
    private static async Task LiveViewAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        await AnsiConsole.Live(new Markup("[grey]loading…[/]")).StartAsync(async ctx =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                V1PodList pods = await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken);
                ctx.UpdateTarget(Render(pods));
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        });
    }

    private static Table Render(V1PodList pods)
    {
        string[] phases = ["Pending", "Running", "Succeeded", "Failed", "Unknown"];
        var table = new Table().Title("pods by node and phase (Ctrl+C stops the sandbox)").AddColumn("node");
        foreach (string phase in phases)
        {
            table.AddColumn(new TableColumn(phase).RightAligned());
        }

        foreach (var byNode in pods.Items.GroupBy(p => p.Spec?.NodeName ?? "(unscheduled)").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            table.AddRow([Markup.Escape(byNode.Key), .. phases.Select(ph => byNode.Count(p => (p.Status?.Phase ?? "Pending") == ph).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        return table;
    }
}
