using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.Storage;

/// <summary>
/// A list's <c>continue</c> token: base64 JSON <c>{"v":"meta.k8s.io/v1","rv":N,"start":"key\u0000"}</c>, the shape
/// kube-apiserver's etcd3 store uses, plus the id of the kept snapshot. rv -1 means "continue from the latest state".
/// </summary>
public sealed record ContinueToken(long ResourceVersion, string Start, long SnapshotId)
{
    public string Encode()
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = ResourceVersion, ["start"] = Start + "\u0000", ["id"] = SnapshotId };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    public static ContinueToken Decode(string token)
    {
        try
        {
            var json = JsonNode.Parse(Convert.FromBase64String(token)) as JsonObject ?? throw new FormatException("not an object");
            if (json["v"]?.GetValue<string>() != "meta.k8s.io/v1")
            {
                throw ApiErrors.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
            }

            var start = json["start"]?.GetValue<string>() ?? "";
            return new ContinueToken(json["rv"]?.GetValue<long>() ?? 0, start.TrimEnd('\u0000'), json["id"]?.GetValue<long>() ?? 0);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw ApiErrors.BadRequest($"continue key is not valid: {e.Message}");
        }
    }
}
