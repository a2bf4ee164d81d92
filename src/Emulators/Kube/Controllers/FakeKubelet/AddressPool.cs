using System.Net;

namespace OrleansEci.Emulators.Kube.Controllers.FakeKubelet;

/// <summary>
/// IPv4 addresses handed out from a CIDR, one per owner key (a pod or a node), next-fit, skipping the network and
/// broadcast addresses and the first host address (a bridge's, by convention). Thread-safe.
/// </summary>
internal sealed class AddressPool
{
    private readonly Lock _gate = new();
    private readonly uint _first;
    private readonly uint _last;
    private readonly Dictionary<string, uint> _byOwner = new(StringComparer.Ordinal);
    private readonly HashSet<uint> _used = [];
    private uint _next;

    public AddressPool(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var bits = int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var network = ToUInt(IPAddress.Parse(cidr[..slash])) & (uint.MaxValue << (32 - bits));
        _first = network + 2;
        _last = network + (uint)((1L << (32 - bits)) - 2);
        _next = _first;
    }

    /// <summary>The owner's address, allocating one if it has none; throws when the pool is exhausted.</summary>
    public string Allocate(string owner)
    {
        lock (_gate)
        {
            if (_byOwner.TryGetValue(owner, out var existing))
            {
                return ToText(existing);
            }

            for (var tried = 0L; tried <= _last - _first; tried++)
            {
                var candidate = _next;
                _next = _next >= _last ? _first : _next + 1;
                if (_used.Add(candidate))
                {
                    _byOwner[owner] = candidate;
                    return ToText(candidate);
                }
            }

            throw new InvalidOperationException($"The fake kubelet's address pool ({ToText(_first)}..{ToText(_last)}) is exhausted. Set Controllers:FakeKubelet:PodCidr to a larger range.");
        }
    }

    /// <summary>Records an address an owner already has (e.g. a running pod seen at start-up), if it is in this pool.</summary>
    public void Reserve(string owner, string? address)
    {
        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return;
        }

        var value = ToUInt(ip);
        lock (_gate)
        {
            if (value >= _first && value <= _last && !_byOwner.ContainsKey(owner) && _used.Add(value))
            {
                _byOwner[owner] = value;
            }
        }
    }

    public void Release(string owner)
    {
        lock (_gate)
        {
            if (_byOwner.Remove(owner, out var value))
            {
                _used.Remove(value);
            }
        }
    }

    private static uint ToUInt(IPAddress ip)
    {
        var bytes = ip.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }

    private static string ToText(uint value) => $"{value >> 24}.{(value >> 16) & 0xFF}.{(value >> 8) & 0xFF}.{value & 0xFF}";
}
