using System.Diagnostics;

namespace OrleansEci.Runtime.Bench;

/// <summary>
/// Reads the emulator's count of successful CreateContainerGroup calls every 200 ms, so the create window (first to
/// last success) and the sustained rate after the burst are known to about ±0.2 s.
/// </summary>
internal sealed class CreateSampler : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(200);
    private readonly List<(long Tick, long Creates)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _before;

    private CreateSampler(HttpClient control, long before)
    {
        _before = before;
        _loop = Task.Run(() => RunAsync(control, _stop.Token));
    }

    public static async Task<CreateSampler> StartAsync(HttpClient control, CancellationToken cancellationToken) =>
        new(control, (await EciCalls.ReadAsync(control, cancellationToken))["CreateContainerGroup"].Succeeded);

    /// <summary>Stops sampling and returns (creates, seconds from the first to the last success, sustained creates/s after the first 200).</summary>
    public async Task<(long Creates, double Window, double Sustained)> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        long total = _samples.Count == 0 ? 0 : _samples[^1].Creates;
        if (total == 0)
        {
            return (0, 0, 0);
        }

        long first = _samples.First(s => s.Creates > 0).Tick;
        long last = _samples.First(s => s.Creates >= total).Tick;
        var after = _samples.FirstOrDefault(s => s.Creates >= Math.Min(200, total));
        double sustained = last > after.Tick ? (total - after.Creates) / Stats.Seconds(last - after.Tick) : 0;
        return (total, Stats.Seconds(last - first), sustained);
    }

    private async Task RunAsync(HttpClient control, CancellationToken ct)
    {
        using PeriodicTimer timer = new(Period);
        try
        {
            do
            {
                long creates = (await EciCalls.ReadAsync(control, ct))["CreateContainerGroup"].Succeeded - _before;
                _samples.Add((Stopwatch.GetTimestamp(), creates));
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopped
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _loop;
        }

        _stop.Dispose();
    }
}
