using System.Net.WebSockets;
using System.Text;

using OrleansEci.Emulators.Eci.Groups;
using OrleansEci.Emulators.Eci.Hosting;

namespace OrleansEci.Emulators.Eci.Exec;

/// <summary>Serves <c>/exec/?s=TOKEN</c>: runs the granted command over the <see cref="ExecFraming"/> channels.</summary>
internal static class ExecWebSocketEndpoint
{
    public static async Task HandleAsync(HttpContext http, EmulatorState state)
    {
        string token = http.Request.Query["s"].ToString();
        ExecSession? session = token.Length == 0 ? null : state.ExecSessions.TryTake(token);
        if (!http.WebSockets.IsWebSocketRequest || session is null)
        {
            http.Response.StatusCode = session is null ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync(session is null
                ? "The exec session is unknown, already used or expired (a WebSocketUri is valid for one connection within 30 s)."
                : "Open this URI as a WebSocket.", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        ContainerGroup? g = state.Groups.Get(session.GroupId, state.Now);
        ExecShell? shell = null;
        if (g is not null)
        {
            lock (g.Gate)
            {
                ContainerRuntime? c = g.FindContainer(session.ContainerName);
                shell = c is { IsRunning: true } ? ExecShell.For(g, c) : null;
            }
        }

        string? protocol = http.WebSockets.WebSocketRequestedProtocols.FirstOrDefault(p => ExecFraming.SubProtocols.Contains(p));
        using WebSocket socket = await http.WebSockets.AcceptWebSocketAsync(protocol).ConfigureAwait(false);
        ExecConnection connection = new(socket, session.Tty, http.RequestAborted);
        if (shell is null)
        {
            await connection.SendAsync(ExecFraming.Stderr, $"container {session.ContainerName} is not running\n").ConfigureAwait(false);
            await connection.FinishAsync(126).ConfigureAwait(false);
            return;
        }

        int code = ExecShell.IsInteractive(session.Command) && session.Stdin
            ? await RunInteractiveAsync(connection, shell, session).ConfigureAwait(false)
            : await RunOnceAsync(connection, shell, session.Command).ConfigureAwait(false);
        await connection.FinishAsync(code).ConfigureAwait(false);
    }

    private static async Task<int> RunOnceAsync(ExecConnection connection, ExecShell shell, IReadOnlyList<string> command)
    {
        StringBuilder stdout = new();
        StringBuilder stderr = new();
        int code = shell.Run(command, stdout, stderr);
        await connection.SendAsync(ExecFraming.Stdout, stdout.ToString()).ConfigureAwait(false);
        await connection.SendAsync(ExecFraming.Stderr, stderr.ToString()).ConfigureAwait(false);
        return code;
    }

    private static async Task<int> RunInteractiveAsync(ExecConnection connection, ExecShell shell, ExecSession session)
    {
        bool isCat = Path.GetFileName(session.Command[0]) == "cat";
        string prompt = session.Tty && !isCat ? "# " : "";
        await connection.SendAsync(ExecFraming.Stdout, prompt).ConfigureAwait(false);
        StringBuilder line = new();
        int status = 0;
        await foreach (string input in connection.ReadStdinAsync().ConfigureAwait(false))
        {
            if (session.Tty)
            {
                await connection.SendAsync(ExecFraming.Stdout, input).ConfigureAwait(false);
            }

            if (isCat)
            {
                await connection.SendAsync(ExecFraming.Stdout, input).ConfigureAwait(false);
                continue;
            }

            foreach (char ch in input)
            {
                if (ch is not ('\n' or '\r'))
                {
                    line.Append(ch);
                    continue;
                }

                StringBuilder stdout = new();
                StringBuilder stderr = new();
                bool exit = false;
                status = line.Length == 0 ? status : shell.RunLine(line.ToString(), stdout, stderr, out exit);
                line.Clear();
                await connection.SendAsync(ExecFraming.Stdout, stdout.ToString()).ConfigureAwait(false);
                await connection.SendAsync(ExecFraming.Stderr, stderr.ToString()).ConfigureAwait(false);
                if (exit)
                {
                    return status;
                }

                await connection.SendAsync(ExecFraming.Stdout, prompt).ConfigureAwait(false);
            }
        }

        return line.Length > 0 ? shell.RunLine(line.ToString(), new StringBuilder(), new StringBuilder(), out _) : status;
    }
}
