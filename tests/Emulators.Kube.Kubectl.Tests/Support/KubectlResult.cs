namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

/// <summary>What one kubectl run did: its exit code and output, with the command line for failure messages.</summary>
public sealed record KubectlResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Asserts exit code 0 and returns stdout.</summary>
    public string Succeeded()
    {
        Assert.True(ExitCode == 0, $"Expected `{CommandLine}` to succeed (exit 0); it exited {ExitCode}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        return Stdout;
    }

    /// <summary>Asserts a non-zero exit code and returns stderr.</summary>
    public string Failed(int expectedExitCode = 1)
    {
        Assert.True(ExitCode == expectedExitCode,
            $"Expected `{CommandLine}` to fail with exit {expectedExitCode}; it exited {ExitCode}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        return Stderr;
    }

    /// <summary>stdout split into lines, trailing blanks dropped.</summary>
    public IReadOnlyList<string> Lines => Stdout.TrimEnd('\n').Split('\n');

    public override string ToString() => $"`{CommandLine}` exited {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
