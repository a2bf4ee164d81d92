namespace OrleansEci.Silo.Tests.Sandbox.Support;

/// <summary>What one kubectl (or README command) run did: its exit code and output, with the command for failure messages.</summary>
internal sealed record KubectlResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Asserts exit code 0 and returns stdout.</summary>
    public string Succeeded()
    {
        Assert.True(ExitCode == 0, $"Expected `{CommandLine}` to succeed (exit 0); it exited {ExitCode}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        return Stdout;
    }

    public override string ToString() => $"`{CommandLine}` exited {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
