using Microsoft.Extensions.Logging;

using OrleansEci.Eci.Configuration;

namespace OrleansEci.Eci.Tests.Support;

/// <summary>Builds clients against a scripted server with test credentials, fake time and fixed randomness.</summary>
public static class ClientFactory
{
    public const string AccessKeyId = "test-access-key-id";
    public const string Secret = "test-secret-Zq9+/x=";
    public const string SecurityToken = "sts-token-CAIS+abc/def==";

    public static EciClientOptions Options(Uri endpoint, Action<EciClientOptions>? tweak = null)
    {
        var options = new EciClientOptions
        {
            Endpoint = endpoint,
            RegionId = "cn-hangzhou",
            AccessKeyId = AccessKeyId,
            AccessKeySecret = Secret,
            AttemptTimeout = TimeSpan.FromSeconds(5),
            RetryBaseDelay = TimeSpan.FromMilliseconds(200),
            MaxRetryDelay = TimeSpan.FromSeconds(10),
            MaxRetryAttempts = 3,
        };
        tweak?.Invoke(options);
        return options;
    }

    public static EciClient Create(ScriptedEciServer server, TimeProvider clock, HttpClient http, Action<EciClientOptions>? tweak = null, ILogger<EciClient>? logger = null) =>
        new(http, Options(server.BaseUri, tweak), clock, new FixedRandom(), logger);
}
