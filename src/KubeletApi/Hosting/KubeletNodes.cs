using Microsoft.Extensions.Options;

namespace OrleansEci.KubeletApi.Hosting;

/// <summary>Which virtual node a connection is for: node i listens on the first port + i.</summary>
internal sealed class KubeletNodes(IOptions<KubeletApiOptions> options)
{
    private readonly KubeletApiOptions _options = options.Value;

    /// <summary>The ports to listen on, in node order (one port 0 when a free port is wanted).</summary>
    public IReadOnlyList<int> Ports => _options.Port == 0 ? [0] : [.. Enumerable.Range(_options.Port, _options.NodeNames.Count)];

    /// <summary>The node served on <paramref name="localPort"/>, or null for a port that is not a kubelet port.</summary>
    public string? NodeFor(int localPort)
    {
        if (_options.NodeNames.Count == 1 && (_options.Port == 0 || localPort == _options.Port))
        {
            return _options.NodeNames[0];
        }

        var index = localPort - _options.Port;
        return index >= 0 && index < _options.NodeNames.Count ? _options.NodeNames[index] : null;
    }
}
