using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Selectors;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Api;

/// <summary>
/// <c>?watch=true</c> (and legacy <c>/watch/</c> paths): a chunked stream of <c>{"type":...,"object":...}\n</c> lines.
/// resourceVersion unset or "0" starts with ADDED for every existing object; N resumes after N (an ERROR event with a
/// 410 Expired Status ends the stream when N left the window, as the watch cache does). Bookmarks when asked,
/// <c>timeoutSeconds</c>, <c>sendInitialEvents</c> with the <c>k8s.io/initial-events-end</c> bookmark.
/// Unfiltered watchers write the event's shared bytes; nothing is serialized per watcher.
/// </summary>
public static class WatchHandler
{
    public static async Task HandleAsync(ApiContext context)
    {
        var options = context.ListOptions();
        if (context.Request.Name is { } name)
        {
            options = options with { FieldSelector = FieldSelector.Parse(Join(context.Query("fieldSelector"), $"metadata.name={name}"), context.Type) };
        }

        bool? sendInitial = context.Query("sendInitialEvents") switch
        {
            null or "" => null,
            var text when bool.TryParse(text, out var flag) => flag,
            var text => throw ApiErrors.BadRequest($"invalid value for sendInitialEvents: {text}"),
        };
        var from = StartVersion(options.ResourceVersion, sendInitial, context.Service.Store.CurrentResourceVersion);
        var bookmarks = context.QueryFlag("allowWatchBookmarks");
        var timeout = context.QueryInt64("timeoutSeconds") is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : context.Options.DefaultWatchTimeout;
        var time = context.Service.Context.Time;

        WatchSubscription subscription;
        try
        {
            subscription = context.Service.Watch(context.Type, context.Request.Namespace, from, options);
        }
        catch (ApiException e) when (e.Code == 410)
        {
            await StartAsync(context).ConfigureAwait(false);
            await WriteAsync(context, WatchEvent.BuildLine(WatchEventType.Error, KubeJson.ToBytes(e.ToStatus()))).ConfigureAwait(false);
            return;
        }

        using (subscription)
        using (var expiry = new CancellationTokenSource(timeout, time))
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(expiry.Token, context.Aborted, Stopping(context)))
        {
            // Timers start before the response does, so a client that has the headers knows they are running.
            var firstBookmark = bookmarks ? Task.Delay(context.Options.BookmarkInterval, time, stop.Token) : null;
            await StartAsync(context).ConfigureAwait(false);
            var stream = new WatchStream(context, subscription, options);
            try
            {
                await stream.WriteInitialAsync(sendInitial == true && bookmarks).ConfigureAwait(false);
                await stream.PumpAsync(firstBookmark, time, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Timeout or client gone: the stream just ends, and clients re-watch.
            }
        }
    }

    private static long? StartVersion(string? resourceVersion, bool? sendInitial, long current)
    {
        if (sendInitial == true)
        {
            return null;
        }

        if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
        {
            return sendInitial == false ? current : null;
        }

        return long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
            ? rv
            : throw ApiErrors.BadRequest($"invalid resource version: {resourceVersion}");
    }

    /// <summary>Server shutdown ends open watches at once (clients re-watch), instead of holding the shutdown until its timeout.</summary>
    private static CancellationToken Stopping(ApiContext context) =>
        context.Http.RequestServices.GetService(typeof(Microsoft.Extensions.Hosting.IHostApplicationLifetime)) is Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime
            ? lifetime.ApplicationStopping
            : CancellationToken.None;

    private static string Join(string? a, string b) => string.IsNullOrEmpty(a) ? b : $"{a},{b}";

    private static async Task StartAsync(ApiContext context)
    {
        var response = context.Http.Response;
        response.StatusCode = 200;
        response.ContentType = context.Renderer?.ContentType ?? JsonResponses.ContentType;
        response.Headers.CacheControl = "no-cache, private";
        await response.StartAsync(context.Aborted).ConfigureAwait(false);
        await response.Body.FlushAsync(context.Aborted).ConfigureAwait(false);
    }

    internal static async Task WriteAsync(ApiContext context, byte[] line)
    {
        await context.Http.Response.Body.WriteAsync(line, context.Aborted).ConfigureAwait(false);
        await context.Http.Response.Body.FlushAsync(context.Aborted).ConfigureAwait(false);
    }

    /// <summary><c>{"type":"BOOKMARK","object":{"kind":K,"apiVersion":V,"metadata":{"resourceVersion":RV}}}</c>.</summary>
    internal static byte[] BookmarkLine(ApiContext context, long resourceVersion, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        var obj = new JsonObject { ["kind"] = context.Type.Kind, ["apiVersion"] = context.Type.ApiVersion, ["metadata"] = metadata };
        return WatchEvent.BuildLine(WatchEventType.Bookmark, Encoding.UTF8.GetBytes(obj.ToJsonString()));
    }
}
