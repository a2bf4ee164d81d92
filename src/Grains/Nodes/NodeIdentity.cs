using System.Security.Cryptography;
using System.Text;

namespace OrleansEci.Grains.Nodes;

/// <summary>
/// The machine ID, system UUID and boot ID a virtual node reports in <c>status.nodeInfo</c>. A real kubelet reads them
/// from the host; a virtual node has none, so they are derived from the node name: stable across silos and restarts
/// (a changing boot ID would tell tools the node rebooted), distinct between nodes.
/// </summary>
internal static class NodeIdentity
{
    /// <summary>32 lower-case hex digits, the shape of <c>/etc/machine-id</c>.</summary>
    public static string MachineId(string nodeName) => Convert.ToHexStringLower(Hash("machine-id", nodeName))[..32];

    /// <summary>A UUID, the shape of the SMBIOS system UUID.</summary>
    public static string SystemUuid(string nodeName) => Uuid(Hash("system-uuid", nodeName));

    /// <summary>A UUID, the shape of <c>/proc/sys/kernel/random/boot_id</c>.</summary>
    public static string BootId(string nodeName) => Uuid(Hash("boot-id", nodeName));

    private static byte[] Hash(string purpose, string nodeName) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"orleans-eci/{purpose}/{nodeName}"));

    /// <summary>An RFC 9562 version 8 (custom) UUID from the first 16 bytes of a hash.</summary>
    private static string Uuid(byte[] hash)
    {
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
