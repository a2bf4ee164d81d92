using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansEci.Emulators.Kube.OpenApi;

/// <summary>
/// Builds the OpenAPI documents in the background as the server starts, so the first <c>kubectl apply</c> does not
/// wait for them (about 0.25 s the first time in a process, some 20 ms for each further server). Start-up does not
/// wait either; a request that comes first simply builds them itself (they are built once).
/// </summary>
internal sealed partial class OpenApiWarmup : IHostedService
{
    private readonly OpenApiDocuments _documents;
    private readonly ILogger<OpenApiWarmup> _logger;

    public OpenApiWarmup(OpenApiDocuments documents, ILogger<OpenApiWarmup> logger)
    {
        _documents = documents;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(Build, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Build()
    {
        try
        {
            _ = _documents.Index;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            // The same failure reaches the first /openapi request, as a 500 Status.
            LogBuildFailed(_logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Building the OpenAPI v3 documents failed")]
    private static partial void LogBuildFailed(ILogger logger, Exception exception);
}
