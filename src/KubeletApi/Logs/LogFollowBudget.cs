using Microsoft.Extensions.Options;

using OrleansEci.KubeletApi.Hosting;

namespace OrleansEci.KubeletApi.Logs;

/// <summary>
/// Shares <see cref="KubeletApiOptions.FollowCallsPerMinute"/> DescribeContainerLog calls a minute among this process's
/// followers (ECI allows 500 a minute per account and region, eci-openapi.md §6): with n followers each polls every
/// max(<see cref="KubeletApiOptions.FollowPollInterval"/>, n × 60 s / budget), so together they stay within it.
/// </summary>
internal sealed class LogFollowBudget(IOptions<KubeletApiOptions> options)
{
    private int _followers;

    public int Followers => Volatile.Read(ref _followers);

    /// <summary>The pause before a follower's next poll, for the current number of followers.</summary>
    public TimeSpan Interval
    {
        get
        {
            var o = options.Value;
            var shared = TimeSpan.FromMinutes(1) * Math.Max(1, Followers) / o.FollowCallsPerMinute;
            return shared > o.FollowPollInterval ? shared : o.FollowPollInterval;
        }
    }

    /// <summary>Counts a follower until the returned handle is disposed.</summary>
    public IDisposable Join()
    {
        Interlocked.Increment(ref _followers);
        return new Leave(this);
    }

    private sealed class Leave(LogFollowBudget budget) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                Interlocked.Decrement(ref budget._followers);
            }
        }
    }
}
