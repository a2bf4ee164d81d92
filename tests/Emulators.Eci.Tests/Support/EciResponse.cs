using System.Net;
using System.Text.Json;

namespace OrleansEci.Emulators.Eci.Tests.Support;

/// <summary>An answer of the emulator: status, JSON body and headers.</summary>
internal sealed record EciResponse(HttpStatusCode Status, JsonElement Body, IReadOnlyDictionary<string, string> Headers)
{
    public string? Code => Body.TryGetProperty(nameof(Code), out JsonElement c) ? c.GetString() : null;

    public JsonElement this[string name] => Body.GetProperty(name);

    public EciResponse EnsureOk()
    {
        Assert.True(Status == HttpStatusCode.OK, $"Expected 200 OK, got {(int)Status} {Body}");
        return this;
    }

    public void AssertError(int status, string code)
    {
        Assert.True((int)Status == status && Code == code, $"Expected {status} {code}, got {(int)Status} {Body}");
        foreach (string field in new[] { "RequestId", "HostId", "Code", "Message", "Recommend" })
        {
            Assert.True(Body.TryGetProperty(field, out JsonElement v) && v.GetString() is { Length: > 0 }, $"Error envelope lacks {field}: {Body}");
        }
    }
}
