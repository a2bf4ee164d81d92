using k8s;

namespace OrleansEci.Runtime.Bench;

/// <summary>Waits until every virtual node is registered and Ready, as the sandbox does before it serves.</summary>
internal static class NodeWait
{
    public static async Task ReadyAsync(IKubernetes client, IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        using CancellationTokenSource patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromMinutes(2));
        while (true)
        {
            var list = await client.CoreV1.ListNodeAsync(cancellationToken: patience.Token);
            if (nodes.All(name => list.Items.Any(n => n.Metadata.Name == name
                && n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), patience.Token);
        }
    }
}
