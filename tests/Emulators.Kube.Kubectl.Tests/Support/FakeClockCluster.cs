using Microsoft.Extensions.Time.Testing;

using OrleansEci.Emulators.Kube.Hosting;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

/// <summary>
/// A <see cref="KubectlCluster"/> whose server runs on a <see cref="FakeTimeProvider"/> starting at the real time (so
/// its certificates are valid for kubectl), for tests that assert how objects print: objects are created at a known
/// instant and the clock is moved on. Controllers are off, so nothing but the test writes the objects it prints.
/// </summary>
public sealed class FakeClockCluster : KubectlCluster
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero));

    protected override TimeProvider? Time => Clock;

    protected override void ConfigureOptions(KubeApiServerOptions options) => options.Controllers.DisableAll();
}
