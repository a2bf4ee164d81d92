using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansEci.Profiles;

namespace OrleansEci.KubeletApi.Admission;

/// <summary>Maps the mutating admission webhook: <c>POST /mutate-pods</c>, AdmissionReview v1 in and out.</summary>
public static class AdmissionWebhookEndpointExtensions
{
    /// <summary>The webhook's path, as vk-webhook's clientConfig names it.</summary>
    public const string Path = "/mutate-pods";

    /// <summary>
    /// The largest body read: an AdmissionReview carries the pod (the API server refuses objects above about 1.5 MiB)
    /// and, on updates, the old one too. Larger bodies get 413.
    /// </summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Maps <c>POST /mutate-pods</c>. The namespace labels come from <paramref name="namespaces"/> (a namespace cache),
    /// the eci-profile from <paramref name="profiles"/>. Invalid <paramref name="options"/> stop start-up with what to fix.
    /// </summary>
    public static IEndpointConventionBuilder MapAdmissionWebhook(
        this IEndpointRouteBuilder endpoints,
        INamespaceLabelLookup namespaces,
        IEciProfileSource profiles,
        AdmissionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        options ??= new AdmissionOptions();
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        ILogger logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansEci.KubeletApi.Admission");
        var handler = new AdmissionReviewHandler(profiles, namespaces, options, logger);
        return endpoints.MapPost(Path, (HttpContext context) => HandleAsync(handler, context));
    }

    private static async Task HandleAsync(AdmissionReviewHandler handler, HttpContext context)
    {
        AdmissionHttpResult result;
        if (context.Request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            result = Plain(StatusCodes.Status415UnsupportedMediaType, $"Expected Content-Type application/json, got \"{context.Request.ContentType}\".");
        }
        else if (await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false) is { } body)
        {
            result = await handler.HandleAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            result = Plain(StatusCodes.Status413PayloadTooLarge, $"The AdmissionReview is larger than {MaxBodyBytes} bytes.");
        }

        context.Response.StatusCode = result.StatusCode;
        context.Response.ContentType = result.ContentType;
        await context.Response.Body.WriteAsync(result.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static AdmissionHttpResult Plain(int status, string message) => new(status, Encoding.UTF8.GetBytes(message + "\n"), AdmissionHttpResult.Text);
}
