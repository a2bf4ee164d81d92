using System.Globalization;
using System.Text;

using OrleansEci.Emulators.Eci.Groups;

namespace OrleansEci.Emulators.Eci.Exec;

/// <summary>
/// The small command set an exec runs inside an emulated container (documented in the README):
/// <c>echo ARGS</c>; <c>env</c> (the container's environment plus HOSTNAME); <c>hostname</c>; <c>cat FILE…</c> (files
/// of ConfigFile volumes at their mount paths; <c>cat</c> alone copies stdin); <c>exit N</c>; <c>true</c>; <c>false</c>;
/// <c>sh|bash -c "a; b &amp;&amp; c"</c>; <c>sh</c>/<c>bash</c> alone is an interactive shell reading stdin lines.
/// Anything else prints <c>sh: NAME: not found</c> and fails with 127. <c>$NAME</c>, <c>${NAME}</c> (the environment) and
/// <c>$?</c> expand in every word when its statement runs. Unlike a real shell, single quotes do not stop that, and an
/// unset variable stays as written instead of becoming empty, so a missing variable shows in the output.
/// </summary>
internal sealed partial class ExecShell(IReadOnlyDictionary<string, string> env, string hostname, IReadOnlyDictionary<string, byte[]> files)
{
    private int _lastStatus;

    public static ExecShell For(ContainerGroup g, ContainerRuntime c)
    {
        string hostname = g.Spec.HostName ?? g.Spec.Name;
        Dictionary<string, string> env = new(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["HOSTNAME"] = hostname,
        };
        foreach (EnvVarSpec e in c.Spec.Env)
        {
            env[e.Key] = e.FieldPath switch
            {
                "status.podIP" => g.Placement.IntranetIp,
                "metadata.name" => g.Spec.Name,
                _ => e.Value ?? "",
            };
        }

        Dictionary<string, byte[]> files = new(StringComparer.Ordinal);
        foreach (VolumeMountSpec m in c.Spec.VolumeMounts)
        {
            VolumeSpec? v = g.Spec.Volumes.FirstOrDefault(v => v.Name == m.Name);
            foreach ((string path, string content) in v?.ConfigFiles ?? [])
            {
                string full = m.SubPath is null ? $"{m.MountPath.TrimEnd('/')}/{path}" : (m.SubPath == path ? m.MountPath : "");
                if (full.Length > 0)
                {
                    files[full] = Convert.FromBase64String(content);
                }
            }
        }

        return new ExecShell(env, hostname, files);
    }

    /// <summary>True when the command reads stdin interactively (a bare shell, or <c>cat</c> with no file).</summary>
    public static bool IsInteractive(IReadOnlyList<string> command) =>
        command.Count == 1 && Path.GetFileName(command[0]) is "sh" or "bash" or "ash" or "cat";

    /// <summary>Runs a command line (argv). Returns its exit status.</summary>
    public int Run(IReadOnlyList<string> argv, StringBuilder stdout, StringBuilder stderr) =>
        Statement(argv, stdout, stderr, out _);

    /// <summary>Runs one line typed into an interactive shell; <paramref name="exit"/> is set by <c>exit</c>.</summary>
    public int RunLine(string line, StringBuilder stdout, StringBuilder stderr, out bool exit)
    {
        int status = 0;
        exit = false;
        foreach (IReadOnlyList<string> s in ShellWords.Statements(line))
        {
            status = Statement(s, stdout, stderr, out exit);
            if (exit)
            {
                break;
            }
        }

        return status;
    }

    private int Statement(IReadOnlyList<string> words, StringBuilder stdout, StringBuilder stderr, out bool exit)
    {
        _lastStatus = StatementCore(words, stdout, stderr, out exit);
        return _lastStatus;
    }

    private string Expand(string word) => Variable().Replace(word, m =>
    {
        string name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
        return name == "?" ? _lastStatus.ToString(CultureInfo.InvariantCulture) : env.GetValueOrDefault(name, m.Value);
    });

    [System.Text.RegularExpressions.GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*|\?)")]
    private static partial System.Text.RegularExpressions.Regex Variable();

    private int StatementCore(IReadOnlyList<string> words, StringBuilder stdout, StringBuilder stderr, out bool exit)
    {
        exit = false;
        // The script of `sh -c SCRIPT` expands when its own statements run, as in a real shell.
        bool script = words.Count >= 3 && words[1] == "-c" && Path.GetFileName(words[0]) is "sh" or "bash" or "ash";
        IReadOnlyList<string> s = [.. words.Select((w, i) => script && i == 2 ? w : Expand(w))];
        string verb = Path.GetFileName(s[0]);
        switch (verb)
        {
            case "echo":
                IEnumerable<string> flags = s.Skip(1).TakeWhile(a => a is "-n" or "-e");
                stdout.Append(string.Join(' ', s.Skip(1).SkipWhile(a => a is "-n" or "-e"))).Append(flags.Contains("-n") ? "" : "\n");
                return 0;
            case "env" or "printenv":
                foreach ((string k, string v) in env.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    stdout.Append(k).Append('=').Append(v).Append('\n');
                }

                return 0;
            case "hostname":
                stdout.Append(hostname).Append('\n');
                return 0;
            case "cat":
                return Cat(s, stdout, stderr);
            case "exit":
                exit = true;
                return s.Count > 1 && int.TryParse(s[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n & 0xFF : 0;
            case "true" or ":":
                return 0;
            case "false":
                return 1;
            case "sh" or "bash" or "ash" when s.Count >= 3 && s[1] == "-c":
                return RunLine(s[2], stdout, stderr, out _);
            case "sh" or "bash" or "ash" when s.Count == 1:
                return 0; // a shell without stdin reads EOF at once and exits 0
            default:
                stderr.Append("sh: ").Append(verb).Append(": not found\n");
                return 127;
        }
    }

    private int Cat(IReadOnlyList<string> s, StringBuilder stdout, StringBuilder stderr)
    {
        int status = 0;
        foreach (string path in s.Skip(1))
        {
            if (files.TryGetValue(path, out byte[]? content))
            {
                stdout.Append(Encoding.UTF8.GetString(content));
            }
            else
            {
                stderr.Append("cat: ").Append(path).Append(": No such file or directory\n");
                status = 1;
            }
        }

        return status;
    }
}
