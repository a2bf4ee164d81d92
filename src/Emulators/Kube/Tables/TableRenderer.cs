using System.Globalization;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Negotiation;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Tables;

/// <summary>
/// Answers <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c> (and <c>v1beta1</c>), what <c>kubectl get</c>
/// asks for: lists, single objects and watch events become Tables with the type's columns. Watch events carry the
/// column definitions on the first event only, as kube-apiserver's watch does. Types served by their own handler
/// (not stored) are not rendered; the client then gets plain JSON if it accepts it.
/// </summary>
public sealed class TableRenderer : IResponseRenderer
{
    private const string HeadersSent = "OrleansEci.Tables.HeadersSent";
    private readonly string _version;
    private readonly string _apiVersion;

    /// <param name="version">The <c>meta.k8s.io</c> version served: <c>v1</c> or <c>v1beta1</c>.</param>
    public TableRenderer(string version)
    {
        _version = version;
        _apiVersion = $"meta.k8s.io/{version}";
        ContentType = $"application/json;as=Table;v={version};g=meta.k8s.io";
    }

    public string ContentType { get; }

    public bool CanRender(MediaRange range, ApiContext context)
    {
        if (range.As != "Table" || range.Group != "meta.k8s.io" || range.Version != _version
            || range.MediaType is not ("application/json" or "application/*" or "*/*") || context.Type.Handler is not null)
        {
            return false;
        }

        // Validated here, before any byte is written, so a bad value is a 400 Status rather than a broken stream.
        _ = Include(context);
        return true;
    }

    public Task WriteObjectAsync(ApiContext context, int statusCode, StoredObject obj) =>
        WriteAsync(context, statusCode, Writer(context).Write(Version(obj.ResourceVersion), null, null, [obj], headers: true));

    public Task WriteListAsync(ApiContext context, ListResult list) =>
        WriteAsync(context, 200, Writer(context).Write(Version(list.ResourceVersion), list.Continue, list.RemainingItemCount, list.Items, headers: true));

    public byte[] RenderWatchEvent(ApiContext context, WatchEventType type, StoredObject obj)
    {
        var first = !context.Http.Items.ContainsKey(HeadersSent);
        context.Http.Items[HeadersSent] = true;
        return WatchEvent.BuildLine(type, Writer(context).Write(Version(obj.ResourceVersion), null, null, [obj], first));
    }

    private TableWriter Writer(ApiContext context) =>
        new(_apiVersion, TablePrinters.For(context.Type), Include(context), context.Service.Context.Time.GetUtcNow());

    private static IncludeObject Include(ApiContext context) => context.Query("includeObject") switch
    {
        null or "" or "Metadata" => IncludeObject.Metadata,
        "None" => IncludeObject.None,
        "Object" => IncludeObject.Object,
        var other => throw ApiErrors.BadRequest($"unrecognized includeObject value: \"{other}\""),
    };

    private async Task WriteAsync(ApiContext context, int statusCode, byte[] body)
    {
        var response = context.Http.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.Aborted).ConfigureAwait(false);
    }

    private static string Version(long resourceVersion) => resourceVersion.ToString(CultureInfo.InvariantCulture);
}
