using System.Text.Json.Nodes;

namespace OrleansEci.Emulators.Kube.Errors;

/// <summary>The <c>details</c> of a Status: which object failed and why, field by field.</summary>
public sealed record StatusDetails(string? Name, string? Group, string? Kind, IReadOnlyList<StatusCause>? Causes = null)
{
    /// <summary>The UID, when a deletion Status names it.</summary>
    public string? Uid { get; init; }

    /// <summary>Seconds a client should wait before retrying (<c>retryAfterSeconds</c>).</summary>
    public int? RetryAfterSeconds { get; init; }

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (!string.IsNullOrEmpty(Name))
        {
            json["name"] = Name;
        }

        if (!string.IsNullOrEmpty(Group))
        {
            json["group"] = Group;
        }

        if (!string.IsNullOrEmpty(Kind))
        {
            json["kind"] = Kind;
        }

        if (!string.IsNullOrEmpty(Uid))
        {
            json["uid"] = Uid;
        }

        if (Causes is { Count: > 0 })
        {
            var causes = new JsonArray();
            foreach (var cause in Causes)
            {
                causes.Add(new JsonObject { ["reason"] = cause.Reason, ["message"] = cause.Message, ["field"] = cause.Field });
            }

            json["causes"] = causes;
        }

        if (RetryAfterSeconds is { } retry)
        {
            json["retryAfterSeconds"] = retry;
        }

        return json;
    }
}
