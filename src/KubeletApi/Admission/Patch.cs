namespace OrleansEci.KubeletApi.Admission;

/// <summary>The pod is admitted with these JSON Patch (RFC 6902) operations applied, in order.</summary>
/// <param name="Operations">At least one operation.</param>
/// <param name="Route">Why the pod goes to ECI, e.g. <c>pod label alibabacloud.com/eci=true</c> (for logs).</param>
public sealed record Patch(IReadOnlyList<JsonPatchOperation> Operations, string Route, IReadOnlyList<string> Warnings) : AdmissionDecision(Warnings);
