using OrleansEci.Emulators.Eci.Protocol;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>Parses <c>Volume.N.*</c> (reference §3.1): at most 20, a known Type, ConfigFile contents in Base64.</summary>
internal static class VolumeSpecParser
{
    private const int MaxVolumes = 20;
    private const int MaxConfigFileBytes = 32 * 1024;
    private static readonly string[] Types = ["EmptyDirVolume", "NFSVolume", "ConfigFileVolume", "FlexVolume", "DiskVolume", "HostPathVolume"];

    public static IReadOnlyList<VolumeSpec> ParseAll(RpcParameters p)
    {
        IReadOnlyList<string> items = p.Items("Volume");
        if (items.Count > MaxVolumes)
        {
            throw EciErrors.InvalidParameter("Volume", $"A container group has at most {MaxVolumes} volumes; {items.Count} were given.");
        }

        List<VolumeSpec> volumes = [.. items.Select(item => Parse(p, item))];
        string? duplicate = volumes.GroupBy(v => v.Name).FirstOrDefault(g => g.Count() > 1)?.Key;
        return duplicate is not null ? throw EciErrors.InvalidParameter("Volume.N.Name", $"Volume \"{duplicate}\" is declared twice.") : volumes;
    }

    private static VolumeSpec Parse(RpcParameters p, string item)
    {
        string type = p.Required(item + ".Type");
        if (!Types.Contains(type, StringComparer.Ordinal))
        {
            throw EciErrors.InvalidParameter(item + ".Type", $"Use one of {string.Join(", ", Types)}.");
        }

        return new VolumeSpec
        {
            Name = p.Required(item + ".Name"),
            Type = type,
            NfsServer = type == "NFSVolume" ? p.Required(item + ".NFSVolume.Server") : null,
            NfsPath = type == "NFSVolume" ? p.Required(item + ".NFSVolume.Path") : null,
            NfsReadOnly = p.Bool(item + ".NFSVolume.ReadOnly") ?? false,
            EmptyDirMedium = p.Optional(item + ".EmptyDirVolume.Medium"),
            EmptyDirSizeLimit = p.Optional(item + ".EmptyDirVolume.SizeLimit"),
            DiskId = p.Optional(item + ".DiskVolume.DiskId"),
            FsType = p.Optional(item + ".DiskVolume.FsType") ?? p.Optional(item + ".FlexVolume.FsType"),
            FlexDriver = p.Optional(item + ".FlexVolume.Driver"),
            FlexOptions = p.Optional(item + ".FlexVolume.Options"),
            HostPath = p.Optional(item + ".HostPathVolume.Path"),
            ConfigFiles = type == "ConfigFileVolume" ? ConfigFiles(p, item) : [],
        };
    }

    private static List<KeyValuePair<string, string>> ConfigFiles(RpcParameters p, string item)
    {
        List<KeyValuePair<string, string>> files = [];
        foreach (string f in p.Items(item + ".ConfigFileVolume.ConfigFileToPath"))
        {
            string path = p.Required(f + ".Path");
            string content = p[f + ".Content"] ?? "";
            Span<byte> buffer = new byte[content.Length];
            if (!Convert.TryFromBase64String(content, buffer, out int length) || length > MaxConfigFileBytes)
            {
                throw EciErrors.InvalidParameter(f + ".Content", $"Content is Base64 of at most {MaxConfigFileBytes} bytes.");
            }

            files.Add(new(path, content));
        }

        return files;
    }
}
