using System.Text.RegularExpressions;

namespace OrleansEci.Silo.Tests.Sandbox.Support;

/// <summary>Reads the repository's README: a section by its heading, and the commands in a section's code blocks.</summary>
internal static partial class ReadmeCommands
{
    /// <summary>The text under <c>## heading</c>, up to the next <c>## </c> heading; fails when the README has no such section.</summary>
    public static string Section(string heading)
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        string start = $"\n## {heading}\n";
        int at = readme.IndexOf(start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"Expected README.md to have a section `## {heading}`.");
        int body = at + start.Length;
        int next = readme.IndexOf("\n## ", body, StringComparison.Ordinal);
        return readme[body..(next < 0 ? readme.Length : next)];
    }

    /// <summary>
    /// The commands in the fenced code blocks of <paramref name="markdown"/>: each <c>kubectl</c> line (a heredoc runs to
    /// its <c>EOF</c> line) without a trailing <c>  # comment</c>. Blank lines, comment lines, <c>export</c> and
    /// <c>dotnet</c> lines are set-up and skipped; any other line is returned as it is, so a comparison shows it.
    /// </summary>
    public static IReadOnlyList<string> Parse(string markdown)
    {
        var commands = new List<string>();
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        bool inBlock = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }

            if (!inBlock || line.Trim().Length == 0 || line.TrimStart().StartsWith('#') || line.StartsWith("export ", StringComparison.Ordinal)
                || line.StartsWith("dotnet ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.EndsWith("<<'EOF'", StringComparison.Ordinal))
            {
                int end = Array.IndexOf(lines, "EOF", i + 1);
                Assert.True(end > i, $"Expected the heredoc `{line}` to end with an EOF line.");
                commands.Add(string.Join('\n', lines[i..(end + 1)]));
                i = end;
                continue;
            }

            commands.Add(TrailingComment().Replace(line, "").TrimEnd());
        }

        return commands;
    }

    /// <summary>The folder with <c>Orleans.Eci.sln</c>, found upwards from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.Eci.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Orleans.Eci.sln above {AppContext.BaseDirectory}; the tests expect to run from the repository's build output.");
    }

    [GeneratedRegex(@"\s{2,}#\s.*$")]
    private static partial Regex TrailingComment();
}
