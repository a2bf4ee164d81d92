using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>
/// What an admission plugin sees: the type, subresource, operation, and the object after defaulting (and, for
/// updates, the stored one). <see cref="Object"/> is the plugin's to read; to change it return
/// <see cref="AdmissionDecision.Mutate"/>.
/// </summary>
public sealed record AdmissionRequest(
    ResourceType Type,
    string? Subresource,
    AdmissionOperation Operation,
    string? Namespace,
    string Name,
    JsonObject Object,
    JsonObject? OldObject,
    bool DryRun)
{
    /// <summary>A unique id for this admission request (AdmissionReview <c>request.uid</c>).</summary>
    public string Uid { get; init; } = Guid.NewGuid().ToString();
}
