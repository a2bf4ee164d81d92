using Microsoft.Extensions.Time.Testing;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

/// <summary>
/// A <see cref="KubectlCluster"/> whose server runs on a <see cref="FakeTimeProvider"/> starting at the real time (so
/// its certificates are valid for kubectl), for tests that assert ages: objects are created at a known instant and
/// the clock is moved on.
/// </summary>
public sealed class FakeClockCluster : KubectlCluster
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero));

    protected override TimeProvider? Time => Clock;
}
