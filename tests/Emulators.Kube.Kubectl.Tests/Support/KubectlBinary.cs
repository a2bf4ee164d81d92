namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

/// <summary>Finds the real <c>kubectl</c> on PATH; the suite skips, saying how to get one, when it is missing.</summary>
public static class KubectlBinary
{
    public const string SkipReason =
        "kubectl is not on PATH, so the real-kubectl suite cannot run. Install kubectl 1.32 (e.g. apt-get install kubectl, or the gcloud SDK's kubectl) and run again.";

    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The full path of kubectl, or null.</summary>
    public static string? Path => Found.Value;

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(directory, OperatingSystem.IsWindows() ? "kubectl.exe" : "kubectl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
