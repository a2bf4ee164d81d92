namespace OrleansEci.Eci.Tests.Support;

/// <summary>One request the scripted server received: method, content type and its form parameters.</summary>
public sealed record RecordedCall(string Method, string? ContentType, IReadOnlyDictionary<string, string> Parameters)
{
    public string Action => Parameters.TryGetValue("Action", out var action) ? action : "";

    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;
}
