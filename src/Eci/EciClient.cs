using System.Text.Json;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using OrleansEci.Eci.Configuration;
using OrleansEci.Eci.Errors;
using OrleansEci.Eci.Resilience;
using OrleansEci.Eci.Wire;

using Polly.Timeout;

namespace OrleansEci.Eci;

/// <summary>
/// The ECI client: typed actions (EciClient.*.cs) over one signed, resilient transport
/// (EciClient.Transport.cs). Thread-safe; keep one per process, because the token buckets that
/// pace calls to ECI's published limits live in it. Works against any base URI (regional, VPC, a
/// local emulator) with any credentials.
/// </summary>
public sealed partial class EciClient : IEciClient
{
    /// <summary>The name of the IHttpClientFactory client that <c>AddEciClient</c> registers.</summary>
    public const string HttpClientName = "OrleansEci.Eci";

    private readonly Func<HttpClient> _httpClient;
    private readonly EciClientOptions _options;
    private readonly TimeProvider _time;
    private readonly EciRandom _random;
    private readonly ILogger _logger;
    private readonly EciResiliencePipelines _pipelines;
    private readonly SecretRedactor _redactor;
    private readonly Uri _endpoint;

    /// <summary>A client over one HttpClient (tests, tools, the contract suite).</summary>
    public EciClient(HttpClient httpClient, EciClientOptions options, TimeProvider? timeProvider = null, EciRandom? random = null, ILogger<EciClient>? logger = null)
        : this(SingleClient(httpClient), options, timeProvider, random, logger)
    {
    }

    /// <summary>A client that takes a fresh HttpClient from the factory for each call (dependency injection).</summary>
    public EciClient(IHttpClientFactory httpClientFactory, IOptions<EciClientOptions> options, TimeProvider timeProvider, EciRandom random, ILogger<EciClient> logger)
        : this(FactoryClient(httpClientFactory), (options ?? throw new ArgumentNullException(nameof(options))).Value, timeProvider, random, logger)
    {
    }

    private EciClient(Func<HttpClient> httpClient, EciClientOptions options, TimeProvider? timeProvider, EciRandom? random, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        EciClientOptionsValidator.ThrowIfInvalid(options);
        _httpClient = httpClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _random = random ?? EciRandom.Shared;
        _logger = logger ?? NullLogger.Instance;
        _endpoint = WithTrailingSlash(options.ResolveEndpoint());
        _redactor = new SecretRedactor(options.AccessKeySecret, options.SecurityToken);
        _pipelines = new EciResiliencePipelines(options, _time, _random, _logger);
    }

    /// <summary>Tokens left in an action's bucket now (negative while calls queue); null when unlimited.</summary>
    public double? AvailableTokens(string action) => _pipelines.BucketFor(action)?.Available;

    /// <inheritdoc />
    public async Task<JsonElement> InvokeAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentNullException.ThrowIfNull(parameters);
        string body = await SendAsync(action, parameters.ToList(), cancellationToken).ConfigureAwait(false);
        using var document = Parse<JsonDocument>(action, body);
        return document.RootElement.Clone();
    }

    private async Task<TResponse> SendAsync<TResponse>(string action, object request, CancellationToken cancellationToken)
        where TResponse : EciResponse
    {
        ArgumentNullException.ThrowIfNull(request);
        string body = await SendAsync(action, EciParameterFlattener.Flatten(request), cancellationToken).ConfigureAwait(false);
        return Parse<TResponse>(action, body);
    }

    /// <summary>Runs one action through its pipeline and returns the raw JSON answer.</summary>
    private async Task<string> SendAsync(string action, List<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        if (!parameters.Exists(static p => p.Key == "RegionId"))
        {
            parameters.Add(new("RegionId", _options.RegionId));
        }

        try
        {
            string body = await _pipelines.For(action).ExecuteAsync(
                static (state, token) => state.Client.AttemptAsync(state.Action, state.Parameters, token),
                (Client: this, Action: action, Parameters: parameters),
                cancellationToken).ConfigureAwait(false);
            return body;
        }
        catch (TimeoutRejectedException timeout)
        {
            throw Failed(EciException.FromTransport(action, timeout));
        }
        catch (EciException failure) when (failure.Category != EciErrorCategory.DryRunPassed)
        {
            throw Failed(failure);
        }
    }

    private EciException Failed(EciException failure)
    {
        EciClientLog.Failed(_logger, failure.Action, failure.Category.ToString(), failure.Code, failure.ErrorMessage, failure.HttpStatus, failure.RequestId);
        return failure;
    }

    private T Parse<T>(string action, string body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, EciJson.Options)
                ?? throw new JsonException("the answer is JSON null");
        }
        catch (JsonException ex)
        {
            throw Failed(EciException.FromResponse(action, 200,
                new EciErrorBody { Message = _redactor.Redact($"The answer is not the JSON of {typeof(T).Name}: {ex.Message}") }, retryAfter: null));
        }
    }

    /// <summary>The request with a fresh ClientToken if it has none, decided once before the first attempt.</summary>
    private TRequest WithClientToken<TRequest>(string action, TRequest request)
        where TRequest : IClientTokenRequest<TRequest>
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrEmpty(request.ClientToken))
        {
            return request;
        }

        string generated = _random.NewClientToken();
        EciClientLog.GeneratedClientToken(_logger, action, generated);
        return request.WithClientToken(generated);
    }

    private static Func<HttpClient> SingleClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    private static Func<HttpClient> FactoryClient(IHttpClientFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return () => factory.CreateClient(HttpClientName);
    }

    private static Uri WithTrailingSlash(Uri endpoint) =>
        endpoint.AbsolutePath.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
}
