namespace OrleansEci.Silo.Tests.Sandbox.Support;

/// <summary>
/// Finds the real <c>kubectl</c> and <c>sh</c> on PATH. Same policy as the API server's real-kubectl suite: without
/// kubectl the sandbox tests that drive it skip, saying how to get one.
/// </summary>
internal static class KubectlBinary
{
    public const string SkipReason =
        "kubectl (and sh, which runs the README's commands as written) is not on PATH, so the sandbox's kubectl workflows cannot run. "
        + "Install kubectl 1.32 (e.g. apt-get install kubectl, or the gcloud SDK's kubectl) and run again.";

    private static readonly Lazy<string?> Kubectl = new(() => Find(OperatingSystem.IsWindows() ? "kubectl.exe" : "kubectl"));
    private static readonly Lazy<string?> Shell = new(() => Find("sh"));

    /// <summary>The full path of kubectl, or null.</summary>
    public static string? KubectlPath => Kubectl.Value;

    /// <summary>The full path of sh, or null.</summary>
    public static string? ShellPath => Shell.Value;

    public static bool Available => KubectlPath is not null && ShellPath is not null;

    /// <summary>Skips the calling test when kubectl or sh is missing.</summary>
    public static void Require() => Assert.SkipUnless(Available, SkipReason);

    private static string? Find(string file)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
