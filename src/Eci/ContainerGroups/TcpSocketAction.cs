namespace OrleansEci.Eci.ContainerGroups;

/// <summary>A probe's <c>TcpSocket.Port</c>.</summary>
public sealed record TcpSocketAction(int Port);
