using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>Adds the subresources that reach kubelets: pods/log, exec, attach, portforward and nodes/proxy.</summary>
public sealed class StreamingResources : IResourceTypeSource
{
    private readonly KubeletConnections _kubelets;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;

    public StreamingResources(KubeletConnections kubelets, ILoggerFactory loggers, TimeProvider time)
    {
        _kubelets = kubelets;
        _loggers = loggers;
        _time = time;
    }

    public void Register(ResourceRegistry registry)
    {
        var logger = _loggers.CreateLogger<RemoteCommandSubresource>();
        registry.AddSubresource("", "pods", new PodLogSubresource(_kubelets).Type);
        registry.AddSubresource("", "pods", new RemoteCommandSubresource(attach: false, _kubelets, logger, _time).Type);
        registry.AddSubresource("", "pods", new RemoteCommandSubresource(attach: true, _kubelets, logger, _time).Type);
        registry.AddSubresource("", "pods", new PortForwardSubresource(_kubelets).Type);
        registry.AddSubresource("", "nodes", new NodeProxySubresource(_kubelets).Type);
    }
}
