using System.Text.RegularExpressions;

using Microsoft.Extensions.Options;

namespace OrleansEci.Eci.Configuration;

/// <summary>
/// Start-up validation of <see cref="EciClientOptions"/>. Every message names the setting and says
/// how to fix it; none contains a secret.
/// </summary>
public sealed partial class EciClientOptionsValidator : IValidateOptions<EciClientOptions>
{
    /// <summary>Validates options outside dependency injection; throws with every failure.</summary>
    public static void ThrowIfInvalid(EciClientOptions options)
    {
        var result = new EciClientOptionsValidator().Validate(name: null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(EciClientOptions), result.Failures);
        }
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EciClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string S = EciClientOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.RegionId))
        {
            failures.Add($"{S}:RegionId is empty. Set {EciClientOptions.RegionEnvironmentVariable} (e.g. cn-hangzhou).");
        }
        else if (!RegionPattern().IsMatch(options.RegionId))
        {
            failures.Add($"{S}:RegionId '{options.RegionId}' is not a region id. Set {EciClientOptions.RegionEnvironmentVariable} to one like cn-hangzhou.");
        }

        if (string.IsNullOrWhiteSpace(options.AccessKeyId))
        {
            failures.Add($"{S}:AccessKeyId is empty. Set {EciClientOptions.AccessKeyEnvironmentVariable}.");
        }

        if (string.IsNullOrWhiteSpace(options.AccessKeySecret))
        {
            failures.Add($"{S}:AccessKeySecret is empty. Set {EciClientOptions.SecretKeyEnvironmentVariable}.");
        }

        if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{S}:Endpoint '{endpoint}' is not an absolute http(s) URI. Set {EciClientOptions.EndpointEnvironmentVariable} to e.g. https://eci-vpc.cn-hangzhou.aliyuncs.com.");
        }

        Positive(failures, "AttemptTimeout", options.AttemptTimeout, "00:00:20");
        Positive(failures, "RetryBaseDelay", options.RetryBaseDelay, "00:00:00.200");
        if (options.MaxRetryDelay < options.RetryBaseDelay)
        {
            failures.Add($"{S}:MaxRetryDelay ({options.MaxRetryDelay}) is shorter than {S}:RetryBaseDelay ({options.RetryBaseDelay}). Set it to at least the base delay, e.g. 00:00:30.");
        }

        if (options.MaxRetryAttempts is < 0 or > 50)
        {
            failures.Add($"{S}:MaxRetryAttempts is {options.MaxRetryAttempts}. Set a number from 0 (never retry) to 50; the default is 5.");
        }

        CheckLimit(failures, $"{S}:DefaultRateLimit", options.DefaultRateLimit);
        foreach (var (action, limit) in options.RateLimits ?? new Dictionary<string, EciRateLimit>())
        {
            CheckLimit(failures, $"{S}:RateLimits:{action}", limit);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string name, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{EciClientOptions.SectionName}:{name} is {value}; it must be positive. Set it to e.g. {example}.");
        }
    }

    private static void CheckLimit(List<string> failures, string name, EciRateLimit? limit)
    {
        if (limit is null)
        {
            failures.Add($"{name} is missing. Give a TokenLimit, TokensPerPeriod and ReplenishmentPeriod, or use EciRateLimit.Unlimited.");
        }
        else if (!limit.IsUnlimited && (limit.TokenLimit < 1 || limit.TokensPerPeriod < 1 || limit.ReplenishmentPeriod <= TimeSpan.Zero))
        {
            failures.Add($"{name} has TokenLimit={limit.TokenLimit}, TokensPerPeriod={limit.TokensPerPeriod}, ReplenishmentPeriod={limit.ReplenishmentPeriod}. Each must be positive, e.g. 100, 20, 00:00:01.");
        }
    }

    [GeneratedRegex("^[a-z]{2,}(-[a-z0-9]+)+$")]
    private static partial Regex RegionPattern();
}
