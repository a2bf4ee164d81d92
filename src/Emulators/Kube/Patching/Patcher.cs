using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.Patching;

/// <summary>Applies a patch of any supported kind to an object.</summary>
public static class Patcher
{
    public static JsonObject Apply(PatchKind kind, JsonObject current, JsonNode? patch, string objectKind) => kind switch
    {
        PatchKind.Json => JsonPatch.Apply(current, patch) as JsonObject
            ?? throw new ApiException(422, "Invalid", "the patch turned the object into something that is not an object"),
        PatchKind.Merge => patch is JsonObject
            ? (JsonObject)JsonMergePatch.Apply(current, patch)!
            : throw ApiErrors.BadRequest("the body of a merge patch must be a JSON object"),
        PatchKind.StrategicMerge => patch is JsonObject smp
            ? StrategicMergePatch.Apply(current, smp, PatchSchema.ForKind(objectKind))
            : throw ApiErrors.BadRequest("the body of a strategic merge patch must be a JSON object"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
