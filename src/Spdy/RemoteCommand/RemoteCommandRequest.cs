using System.Text;

using Microsoft.AspNetCore.Http;

namespace OrleansEci.Spdy.RemoteCommand;

/// <summary>What an exec or attach asks for: which streams, a TTY, the command and the container.</summary>
/// <param name="Stdin">The client sends standard input.</param>
/// <param name="Stdout">The client wants standard output.</param>
/// <param name="Stderr">The client wants standard error (ignored with a TTY, as the kubelet does).</param>
/// <param name="Tty">The command runs in a terminal; stdout and stderr are merged and resizes are sent.</param>
public sealed record RemoteCommandRequest(bool Stdin, bool Stdout, bool Stderr, bool Tty)
{
    /// <summary>The command and its arguments, each passed intact (empty for attach).</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>The container, or null when the route names it.</summary>
    public string? Container { get; init; }

    /// <summary>Whether a stderr stream exists: requested and no TTY.</summary>
    public bool HasStderrStream => Stderr && !Tty;

    /// <summary>Reads the kubelet's query (<c>/exec/{ns}/{pod}/{container}?command=..&amp;input=1&amp;output=1&amp;error=1&amp;tty=1</c>);
    /// only the value <c>1</c> counts, as in the kubelet.</summary>
    public static RemoteCommandRequest FromKubeletQuery(IQueryCollection query, string? container = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new RemoteCommandRequest(query["input"] == "1", query["output"] == "1", query["error"] == "1", query["tty"] == "1")
        {
            Command = [.. query["command"].Select(c => c ?? "")],
            Container = container,
        };
    }

    /// <summary>Reads the API server's query (<c>pods/{pod}/exec?command=..&amp;container=..&amp;stdin=true&amp;stdout=true&amp;stderr=true&amp;tty=false</c>);
    /// booleans follow Go's <c>strconv.ParseBool</c>.</summary>
    public static RemoteCommandRequest FromApiQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new RemoteCommandRequest(Flag(query, "stdin"), Flag(query, "stdout"), Flag(query, "stderr"), Flag(query, "tty"))
        {
            Command = [.. query["command"].Select(c => c ?? "")],
            Container = query["container"].FirstOrDefault(),
        };
    }

    /// <summary>The kubelet query string for this request, starting with <c>?</c> (what kube-apiserver sends).</summary>
    public string ToKubeletQueryString()
    {
        var query = new StringBuilder();
        foreach (var argument in Command)
        {
            Append(query, "command", argument);
        }

        if (Stdin)
        {
            Append(query, "input", "1");
        }

        if (Stdout)
        {
            Append(query, "output", "1");
        }

        if (Stderr)
        {
            Append(query, "error", "1");
        }

        if (Tty)
        {
            Append(query, "tty", "1");
        }

        return query.ToString();
    }

    /// <summary>Null if the request is usable, else the reason (the kubelet needs at least one stream).</summary>
    public string? Validate() =>
        Stdin || Stdout || Stderr ? null : "you must specify at least 1 of stdin, stdout, stderr";

    private static bool Flag(IQueryCollection query, string name) =>
        query[name].FirstOrDefault() is "1" or "t" or "T" or "true" or "TRUE" or "True";

    private static void Append(StringBuilder query, string name, string value) =>
        query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
}
