using System.Buffers.Binary;
using System.Net;

namespace OrleansEci.Emulators.Kube.Services;

/// <summary>
/// Hands out ClusterIPs from the service CIDR and NodePorts from their range, next-fit. The network and broadcast
/// addresses are never given, and the first host address is reserved for the <c>kubernetes</c> Service, as in
/// pkg/registry/core/service/ipallocator.
/// </summary>
public sealed class ClusterIpAllocator
{
    private readonly Lock _gate = new();
    private readonly HashSet<uint> _ips = [];
    private readonly HashSet<int> _ports = [];
    private readonly uint _first;
    private readonly uint _last;
    private readonly ServiceNetworkOptions _options;
    private uint _nextIp;
    private int _nextPort;

    public ClusterIpAllocator(ServiceNetworkOptions options)
    {
        options.Validate();
        _options = options;
        var network = options.Network();
        var baseAddress = BinaryPrimitives.ReadUInt32BigEndian(network.BaseAddress.GetAddressBytes());
        var size = 1u << (32 - network.PrefixLength);
        _first = baseAddress + 1;
        _last = baseAddress + size - 2;
        _nextIp = _first + 1;
        _nextPort = options.NodePortMin;
    }

    /// <summary>The address of the <c>kubernetes</c> Service: the first host address.</summary>
    public string KubernetesServiceIp => Format(_first);

    public bool Contains(IPAddress ip) => ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && ToUInt(ip) is var v && v >= _first && v <= _last;

    /// <summary>Allocates a specific address; false if it is outside the range or taken.</summary>
    public bool TryAllocate(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address) || !Contains(address))
        {
            return false;
        }

        lock (_gate)
        {
            return _ips.Add(ToUInt(address));
        }
    }

    public string AllocateNext()
    {
        lock (_gate)
        {
            var count = _last - _first + 1;
            for (uint i = 0; i < count; i++)
            {
                var candidate = _first + ((_nextIp - _first + i) % count);
                if (candidate != _first && _ips.Add(candidate))
                {
                    _nextIp = candidate + 1 > _last ? _first : candidate + 1;
                    return Format(candidate);
                }
            }
        }

        throw new InvalidOperationException("range is full");
    }

    public void Release(string ip)
    {
        if (IPAddress.TryParse(ip, out var address))
        {
            lock (_gate)
            {
                _ips.Remove(ToUInt(address));
            }
        }
    }

    public bool TryAllocatePort(int port)
    {
        lock (_gate)
        {
            return port >= _options.NodePortMin && port <= _options.NodePortMax && _ports.Add(port);
        }
    }

    public int AllocateNextPort()
    {
        lock (_gate)
        {
            var count = _options.NodePortMax - _options.NodePortMin + 1;
            for (var i = 0; i < count; i++)
            {
                var candidate = _options.NodePortMin + ((_nextPort - _options.NodePortMin + i) % count);
                if (_ports.Add(candidate))
                {
                    _nextPort = candidate + 1;
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("range is full");
    }

    public void ReleasePort(int port)
    {
        lock (_gate)
        {
            _ports.Remove(port);
        }
    }

    private static uint ToUInt(IPAddress ip) => BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes());

    private static string Format(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes).ToString();
    }
}
