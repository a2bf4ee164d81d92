using System.Globalization;
using System.Text;

namespace OrleansEci.Eci.Configuration;

/// <summary>
/// Settings of the ECI client. Bound from the <c>Eci</c> configuration section, then from the
/// <c>ECI_*</c> environment variables (when set), then from code; validated at start-up by
/// <see cref="EciClientOptionsValidator"/>. <see cref="ToString"/> never shows the secret or the token.
/// </summary>
public sealed class EciClientOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Eci";

    /// <summary>Environment variable for <see cref="AccessKeyId"/> (the name Alibaba's virtual kubelet uses).</summary>
    public const string AccessKeyEnvironmentVariable = "ECI_ACCESS_KEY";

    /// <summary>Environment variable for <see cref="AccessKeySecret"/>.</summary>
    public const string SecretKeyEnvironmentVariable = "ECI_SECRET_KEY";

    /// <summary>Environment variable for <see cref="RegionId"/>.</summary>
    public const string RegionEnvironmentVariable = "ECI_REGION";

    /// <summary>Environment variable for <see cref="Endpoint"/>.</summary>
    public const string EndpointEnvironmentVariable = "ECI_ENDPOINT";

    /// <summary>Environment variable for <see cref="SecurityToken"/>.</summary>
    public const string SecurityTokenEnvironmentVariable = "ECI_SECURITY_TOKEN";

    /// <summary>
    /// The base URI that receives the RPC calls: the regional endpoint
    /// (<c>https://eci.cn-hangzhou.aliyuncs.com</c>), the VPC one (<c>https://eci-vpc.cn-hangzhou.aliyuncs.com</c>)
    /// or any URL, such as a local emulator. Default: null, meaning <c>https://eci.{RegionId}.aliyuncs.com/</c>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The region, e.g. <c>cn-hangzhou</c>; sent as <c>RegionId</c> when a request leaves it empty. Required.</summary>
    public string RegionId { get; set; } = "";

    /// <summary>The AccessKey id. Required.</summary>
    public string AccessKeyId { get; set; } = "";

    /// <summary>The AccessKey secret. Required; never logged or shown.</summary>
    public string AccessKeySecret { get; set; } = "";

    /// <summary>The STS security token, when the AccessKey is temporary. Default: none; never logged or shown.</summary>
    public string? SecurityToken { get; set; }

    /// <summary>The longest one HTTP attempt may take before it is abandoned and retried. Default: 20 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries after the first attempt, for throttled and transient failures only. Default: 5.</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>The first retry delay; later ones grow exponentially, with jitter. Default: 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts, including a server's RetryAfter hint. Default: 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Client-side token buckets per action name (see <see cref="EciActions"/>), so calls wait for a
    /// token instead of being throttled. Default: ECI's published limits (eci-openapi.md §6):
    /// Create/Delete burst 100 refilling 20/s; DescribeContainerGroups and both metric actions
    /// 2000/min; DescribeContainerGroupStatus, DescribeContainerGroupEvents, DescribeRegions
    /// 10000/min; Restart/Update 1000/min; ExecContainerCommand and DescribeContainerLog 500/min.
    /// </summary>
    public IDictionary<string, EciRateLimit> RateLimits { get; set; } = DefaultRateLimits();

    /// <summary>The bucket for actions missing from <see cref="RateLimits"/>. Default: 1000/min (ECI publishes none for them).</summary>
    public EciRateLimit DefaultRateLimit { get; set; } = EciRateLimit.PerMinute(1000);

    /// <summary>The endpoint calls go to: <see cref="Endpoint"/>, or the public regional one.</summary>
    public Uri ResolveEndpoint() =>
        Endpoint ?? new Uri(string.Create(CultureInfo.InvariantCulture, $"https://eci.{RegionId}.aliyuncs.com/"));

    /// <summary>The bucket for one action.</summary>
    public EciRateLimit RateLimitFor(string action) =>
        RateLimits.TryGetValue(action, out var limit) ? limit : DefaultRateLimit;

    /// <summary>Overrides settings with the <c>ECI_*</c> environment variables that are set.</summary>
    public EciClientOptions ApplyEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (getVariable(AccessKeyEnvironmentVariable) is { Length: > 0 } id)
        {
            AccessKeyId = id;
        }

        if (getVariable(SecretKeyEnvironmentVariable) is { Length: > 0 } secret)
        {
            AccessKeySecret = secret;
        }

        if (getVariable(RegionEnvironmentVariable) is { Length: > 0 } region)
        {
            RegionId = region;
        }

        if (getVariable(SecurityTokenEnvironmentVariable) is { Length: > 0 } token)
        {
            SecurityToken = token;
        }

        if (getVariable(EndpointEnvironmentVariable) is { Length: > 0 } endpoint)
        {
            Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri
                : throw new InvalidOperationException($"{EndpointEnvironmentVariable} '{endpoint}' is not an absolute URI. Set it to e.g. https://eci-vpc.cn-hangzhou.aliyuncs.com.");
        }

        return this;
    }

    /// <summary>The published per-action limits (eci-openapi.md §6, D-flow and D-lim).</summary>
    public static Dictionary<string, EciRateLimit> DefaultRateLimits() => new(StringComparer.Ordinal)
    {
        [EciActions.CreateContainerGroup] = EciRateLimit.Bucket(100, 20),
        [EciActions.DeleteContainerGroup] = EciRateLimit.Bucket(100, 20),
        [EciActions.DescribeContainerGroups] = EciRateLimit.PerMinute(2000),
        [EciActions.DescribeContainerGroupStatus] = EciRateLimit.PerMinute(10000),
        [EciActions.DescribeContainerGroupEvents] = EciRateLimit.PerMinute(10000),
        [EciActions.DescribeRegions] = EciRateLimit.PerMinute(10000),
        [EciActions.DescribeContainerGroupMetric] = EciRateLimit.PerMinute(2000),
        [EciActions.DescribeMultiContainerGroupMetric] = EciRateLimit.PerMinute(2000),
        [EciActions.RestartContainerGroup] = EciRateLimit.PerMinute(1000),
        [EciActions.UpdateContainerGroup] = EciRateLimit.PerMinute(1000),
        [EciActions.ExecContainerCommand] = EciRateLimit.PerMinute(500),
        [EciActions.DescribeContainerLog] = EciRateLimit.PerMinute(500),
    };

    /// <summary>The settings without the secret and the token.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Endpoint={Endpoint?.ToString() ?? $"https://eci.{RegionId}.aliyuncs.com/"}, RegionId={RegionId}, AccessKeyId={AccessKeyId}, ");
        text.Append(CultureInfo.InvariantCulture, $"AccessKeySecret={(AccessKeySecret.Length > 0 ? "***" : "(empty)")}, ");
        text.Append(CultureInfo.InvariantCulture, $"SecurityToken={(string.IsNullOrEmpty(SecurityToken) ? "(none)" : "***")}, ");
        text.Append(CultureInfo.InvariantCulture, $"AttemptTimeout={AttemptTimeout}, MaxRetryAttempts={MaxRetryAttempts}, RetryBaseDelay={RetryBaseDelay}, MaxRetryDelay={MaxRetryDelay}");
        return text.ToString();
    }
}
