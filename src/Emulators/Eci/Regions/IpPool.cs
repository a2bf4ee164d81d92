using System.Buffers.Binary;
using System.Net;

namespace OrleansEci.Emulators.Eci.Regions;

/// <summary>
/// Private addresses of one vSwitch. The first address and the last three of the block are reserved as in an
/// Alibaba VPC. Allocation is next-fit over a bitmap under a per-vSwitch lock (contention is per vSwitch only).
/// </summary>
internal sealed class IpPool
{
    private readonly Lock _gate = new();
    private readonly uint _base;
    private readonly bool[] _used;
    private int _next;
    private int _free;

    public IpPool(string cidr)
    {
        IPNetwork net = IPNetwork.Parse(cidr);
        _base = BinaryPrimitives.ReadUInt32BigEndian(net.BaseAddress.GetAddressBytes());
        int size = 1 << (32 - net.PrefixLength);
        _used = new bool[size];
        _used[0] = true;
        for (int i = size - 3; i < size; i++)
        {
            _used[i] = true;
        }

        _free = size - 4;
        _next = 1;
    }

    public int Free
    {
        get
        {
            lock (_gate)
            {
                return _free;
            }
        }
    }

    public string? TryAllocate()
    {
        lock (_gate)
        {
            if (_free == 0)
            {
                return null;
            }

            while (_used[_next])
            {
                _next = (_next + 1) % _used.Length;
            }

            _used[_next] = true;
            _free--;
            return ToAddress(_next);
        }
    }

    public void Release(string address)
    {
        uint value = BinaryPrimitives.ReadUInt32BigEndian(IPAddress.Parse(address).GetAddressBytes());
        int offset = (int)(value - _base);
        lock (_gate)
        {
            if (offset > 0 && offset < _used.Length && _used[offset])
            {
                _used[offset] = false;
                _free++;
            }
        }
    }

    private string ToAddress(int offset)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, _base + (uint)offset);
        return new IPAddress(bytes).ToString();
    }
}
