using System.Globalization;

using OrleansEci.KubeletApi.Stats;

namespace OrleansEci.KubeletApi.Tests.Stats;

/// <summary>Numbers as Go's strconv.FormatFloat(v, 'g', -1, 64) writes them in Prometheus text.</summary>
public sealed class GoFloatTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(123.0, "123")]
    [InlineData(5.1, "5.1")]
    [InlineData(999999.0, "999999")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(1073741824.0, "1.073741824e+09")]
    [InlineData(10485760.0, "1.048576e+07")]
    [InlineData(1795672200.0, "1.7956722e+09")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1e-9, "1e-09")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void Format_Value_MatchesGo(double value, string expected)
    {
        var text = GoFloat.Format(value);
        Assert.True(text == expected, $"Expected {value.ToString("R", CultureInfo.InvariantCulture)} as Go's \"{expected}\", got \"{text}\"");
    }
}
