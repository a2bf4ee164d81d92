using System.Text;

using OrleansEci.Emulators.Eci.Groups;
using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Exec;

/// <summary>
/// ExecContainerCommand (reference §3.7). <c>Command</c> is a JSON array (≤20 items of ≤256 chars). With
/// <c>Sync=true</c> (TTY must be false) the command runs now and <c>SyncResponse</c> holds its output; otherwise the
/// answer's <c>WebSocketUri</c> (valid 30 s, single use) runs it over the framing described in <see cref="ExecFraming"/>.
/// The console's browser terminal (<c>HttpUrl</c>) is not emulated and not returned.
/// </summary>
internal sealed class ExecContainerCommandAction : IEciAction
{
    public string Name => "ExecContainerCommand";

    public object Execute(ActionCall call)
    {
        RpcParameters p = call.Parameters;
        string container = p.Required("ContainerName");
        IReadOnlyList<string> command = p.JsonStrings("Command", 20) ?? throw EciErrors.MissingParameter("Command");
        if (command.Any(c => c.Length > 256))
        {
            throw EciErrors.InvalidParameter("Command", "Each element is at most 256 characters.");
        }

        bool tty = p.Bool("TTY") ?? false;
        bool stdin = p.Bool("Stdin") ?? true;
        bool sync = p.Bool("Sync") ?? false;
        if (sync && tty)
        {
            throw EciErrors.InvalidParameter("TTY", "TTY must be false when Sync is true.");
        }

        ContainerGroup g = GroupActions.Require(call);
        ExecShell shell;
        lock (g.Gate)
        {
            ContainerRuntime c = g.FindContainer(container) ?? throw EciErrors.ContainerNotFound(container);
            if (!c.IsRunning)
            {
                throw EciErrors.IncorrectStatus($"container {container} is {c.Current.State}");
            }

            shell = ExecShell.For(g, c);
        }

        if (sync)
        {
            StringBuilder output = new();
            shell.Run(command, output, output);
            return new { call.RequestId, SyncResponse = output.ToString() };
        }

        string token = call.State.ExecSessions.Add(g.Id, container, command, tty, stdin);
        Uri ws = new(call.State.BaseUri, "/exec/?s=" + token);
        string uri = ws.ToString().Replace("http://", "ws://", StringComparison.Ordinal).Replace("https://", "wss://", StringComparison.Ordinal);
        return new { call.RequestId, WebSocketUri = uri };
    }
}
