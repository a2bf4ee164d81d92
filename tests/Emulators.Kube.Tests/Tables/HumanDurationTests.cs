using OrleansEci.Emulators.Kube.Tables;

namespace OrleansEci.Emulators.Kube.Tests.Tables;

/// <summary>The cases of k8s.io/apimachinery/pkg/util/duration's HumanDuration test table.</summary>
public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-2, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(1, "1s")]
    [InlineData(70, "70s")]
    [InlineData(190, "3m10s")]
    [InlineData(300, "5m")]
    [InlineData(70 * 60, "70m")]
    [InlineData(3 * 3600 + 25 * 60, "3h25m")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(49 * 3600, "2d1h")]
    [InlineData(((8 * 24) + 2) * 3600, "8d")]
    [InlineData(367 * 24 * 3600, "367d")]
    [InlineData(((365 * 2 * 24) + 25) * 3600L, "2y1d")]
    [InlineData(((365 * 8 * 24) + 2) * 3600L, "8y")]
    public void Format_Duration_MatchesKubernetes(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Since_NoTimestamp_IsUnknown() => Assert.Equal("<unknown>", HumanDuration.Since(null, DateTimeOffset.UnixEpoch));
}
