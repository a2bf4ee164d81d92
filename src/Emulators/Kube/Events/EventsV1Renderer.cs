using System.Globalization;
using System.Text;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Negotiation;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Events;

/// <summary>Writes stored core/v1 Events as events.k8s.io/v1 Events (objects, lists and watch events).</summary>
internal sealed class EventsV1Renderer : IResponseRenderer
{
    public static readonly EventsV1Renderer Instance = new();

    public string ContentType => JsonResponses.ContentType;

    public bool CanRender(MediaRange range, ApiContext context) => range.IsPlainJson;

    public Task WriteObjectAsync(ApiContext context, int statusCode, StoredObject obj) =>
        JsonResponses.WriteBytesAsync(context.Http, statusCode, Convert(obj));

    public async Task WriteListAsync(ApiContext context, ListResult list)
    {
        var body = new StringBuilder();
        body.Append("{\"kind\":\"EventList\",\"apiVersion\":\"events.k8s.io/v1\",\"metadata\":{\"resourceVersion\":\"")
            .Append(list.ResourceVersion.ToString(CultureInfo.InvariantCulture)).Append('"');
        if (list.Continue is not null)
        {
            body.Append(",\"continue\":\"").Append(list.Continue).Append('"');
        }

        body.Append("},\"items\":[");
        body.AppendJoin(',', list.Items.Select(i => Encoding.UTF8.GetString(Convert(i))));
        body.Append("]}");
        await JsonResponses.WriteBytesAsync(context.Http, 200, Encoding.UTF8.GetBytes(body.ToString())).ConfigureAwait(false);
    }

    public byte[] RenderWatchEvent(ApiContext context, WatchEventType type, StoredObject obj) => WatchEvent.BuildLine(type, Convert(obj));

    private static byte[] Convert(StoredObject obj) => KubeJson.ToBytes(EventConversion.ToEventsV1(obj.ToJson()));
}
