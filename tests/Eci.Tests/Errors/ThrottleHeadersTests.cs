using OrleansEci.Eci.Errors;

namespace OrleansEci.Eci.Tests.Errors;

public sealed class ThrottleHeadersTests
{
    [Theory]
    [InlineData("Remaining:10,TimeLeft:5", "Remaining:20,TimeLeft:3", 5)]
    [InlineData(null, "TimeLeft:10", 10)]
    [InlineData("TimeLeft:1500", null, 1500)]
    [InlineData(" Remaining : 0 , TimeLeft : 250 ", null, 250)]
    [InlineData("Limit:1,Remain:0,TimeLeft:2000,Reset:1748779200", null, 2000)]
    public void ReadRetryAfter_TimeLeftPairs_TakesTheLargerInMilliseconds(string? userApi, string? user, int expectedMilliseconds)
    {
        var headers = new Dictionary<string, string?> { [ThrottleHeaders.UserApi] = userApi, [ThrottleHeaders.User] = user };

        TimeSpan? actual = ThrottleHeaders.ReadRetryAfter(name => headers[name]);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), actual);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Remaining:0", null)]
    [InlineData("TimeLeft:abc", "")]
    [InlineData("TimeLeft:0", "TimeLeft:-3")]
    public void ReadRetryAfter_NoUsableTimeLeft_IsNull(string? userApi, string? user)
    {
        var headers = new Dictionary<string, string?> { [ThrottleHeaders.UserApi] = userApi, [ThrottleHeaders.User] = user };

        Assert.Null(ThrottleHeaders.ReadRetryAfter(name => headers[name]));
    }
}
