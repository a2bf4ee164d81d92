using System.Globalization;

namespace OrleansEci.Eci.Errors;

/// <summary>
/// Reads ECI's wait hint from the <c>x-ratelimit-user-api</c> and <c>x-ratelimit-user</c> headers,
/// whose values are <c>key:value</c> pairs separated by commas (e.g. <c>Remaining:0,TimeLeft:1500</c>);
/// the larger <c>TimeLeft</c> wins, as in alibabacloud-go/openapi-util <c>GetThrottlingTimeLeft</c>.
/// Alibaba does not document the unit (eci-openapi.md §2, [U]); the official runtimes feed it to
/// their retry delay, which is in milliseconds, so it is read as milliseconds here.
/// </summary>
internal static class ThrottleHeaders
{
    public const string UserApi = "x-ratelimit-user-api";
    public const string User = "x-ratelimit-user";

    public static TimeSpan? ReadRetryAfter(Func<string, string?> header)
    {
        long? a = ReadTimeLeft(header(UserApi));
        long? b = ReadTimeLeft(header(User));
        long? best = a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
        return best is > 0 ? TimeSpan.FromMilliseconds(best.Value) : null;
    }

    private static long? ReadTimeLeft(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        foreach (string pair in value.Split(','))
        {
            int colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0
                && pair[..colon].Trim().Equals("TimeLeft", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(pair[(colon + 1)..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long left))
            {
                return left;
            }
        }

        return null;
    }
}
