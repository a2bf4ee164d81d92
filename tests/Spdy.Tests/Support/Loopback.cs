using System.Net;
using System.Net.Sockets;

namespace OrleansEci.Spdy.Tests.Support;

/// <summary>A real TCP connection over 127.0.0.1, both ends in this process.</summary>
internal static class Loopback
{
    public static async Task<(NetworkStream Client, NetworkStream Server)> ConnectAsync(CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient { NoDelay = true };
        var accept = listener.AcceptTcpClientAsync(cancellationToken).AsTask();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint, cancellationToken);
        var server = await accept;
        server.NoDelay = true;
        return (new NetworkStream(client.Client, ownsSocket: true), new NetworkStream(server.Client, ownsSocket: true));
    }
}
