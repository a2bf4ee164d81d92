namespace OrleansEci.KubeletApi.Tests.Support;

/// <summary>
/// Finds the team's read-only <c>shared/</c> folder beside the repository (locally /work/shared next to /work/main; in CI
/// a copy beside the clone), as tests/Emulators.Kube.Tests/Support/SharedFolder.cs does.
/// </summary>
public static class SharedFolder
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Orleans.Eci.sln")) && dir.Parent is { } parent)
            {
                var candidate = System.IO.Path.Combine([parent.FullName, "shared", .. parts]);
                if (Directory.Exists(candidate) || File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"Expected the shared folder beside the repository (…/shared/{string.Join('/', parts)}), searching up from {AppContext.BaseDirectory}; it was not there.");
    }

    /// <summary>The text of one Kubernetes API round-trip fixture, e.g. <c>core.v1.ConfigMap.json</c>.</summary>
    public static string Fixture(string file) => File.ReadAllText(Path("fixtures", "k8s-api-testdata", file));
}
