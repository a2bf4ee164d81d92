namespace OrleansEci.Grains.Tests.Pods.Mapping;

/// <summary>
/// Finds the team's read-only <c>shared/</c> folder, which sits beside the repository (locally /work/shared next to
/// /work/main; in CI a copy beside the clone).
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
}
