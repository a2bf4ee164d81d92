namespace OrleansEci.Emulators.Kube.Tests.Protobuf;

/// <summary>
/// Protobuf request bodies recorded from the real kubectl (Protobuf/Recorded): each file is exactly what kubectl POSTed,
/// captured by a server that stored request bodies. How each was made is in Recorded/README.md.
/// </summary>
public static class RecordedBodies
{
    public static byte[] Read(string name) => File.ReadAllBytes(PathOf(name));

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Protobuf", "Recorded", name);
}
