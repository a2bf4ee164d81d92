using OrleansEci.Silo.Tests.Sandbox.Support;

namespace OrleansEci.Silo.Tests.Sandbox;

/// <summary>The README shows the sandbox as it is: two set-up commands, and only kubectl workflows that the sandbox tests run.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void SetUp_TwoCommands_SandboxFirstThenEveryTest()
    {
        var commands = ReadmeCommands.Section("Set up").ReplaceLineEndings("\n").Split('\n')
            .Where(l => l.StartsWith("dotnet ", StringComparison.Ordinal) || l.StartsWith("./", StringComparison.Ordinal))
            .Select(l => l.Split("  #")[0].TrimEnd())
            .ToArray();

        Assert.Equal(["dotnet run --project src/Silo -- sandbox", "./test.sh"], commands);
    }

    [Fact]
    public void SandboxSection_Commands_AreExactlyTheOnesTheTestsRun()
    {
        var shown = ReadmeCommands.Parse(ReadmeCommands.Section("Sandbox"));

        var notRun = shown.Except(Workflows.All).ToArray();
        var notShown = Workflows.All.Except(shown).ToArray();
        Assert.True(notRun.Length == 0 && notShown.Length == 0,
            $"Expected the README's Sandbox section to show exactly the commands in Workflows.All.\n"
            + $"In the README but run by no test:\n{string.Join("\n---\n", notRun)}\nRun by tests but not in the README:\n{string.Join("\n---\n", notShown)}");
        Assert.Equal(Workflows.All, shown);
    }

    [Fact]
    public void Parse_HeredocCommentsAndSetUpLines_GivesOneCommandEach()
    {
        const string markdown = """
            Text outside blocks: kubectl get nothing
            ```
            export KUBECONFIG=$PWD/.sandbox/kubeconfig
            # a comment line
            kubectl get nodes          # two Ready virtual nodes
            kubectl apply -f - <<'EOF'
            kind: Pod
              # indented, inside the heredoc
            EOF
            ```
            """;

        var commands = ReadmeCommands.Parse(markdown);

        Assert.Equal(["kubectl get nodes", "kubectl apply -f - <<'EOF'\nkind: Pod\n  # indented, inside the heredoc\nEOF"], commands);
    }

    [Fact]
    public void Parse_UnknownLineInABlock_IsKeptSoTheComparisonShowsIt()
    {
        var commands = ReadmeCommands.Parse("```\nwatch kubectl get pods\n```\n");

        Assert.Equal(["watch kubectl get pods"], commands);
    }
}
