using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>An admission plugin's answer, as a value: allow, allow with a changed object, or deny with a Status.</summary>
public sealed class AdmissionDecision
{
    private AdmissionDecision(JsonObject? mutated, ApiException? denial, IReadOnlyList<string> warnings)
    {
        Mutated = mutated;
        Denial = denial;
        Warnings = warnings;
    }

    /// <summary>The replacement object, when the plugin changed it.</summary>
    public JsonObject? Mutated { get; }

    /// <summary>The Status to return to the client, when denied.</summary>
    public ApiException? Denial { get; }

    /// <summary>Warnings for the client's <c>Warning</c> headers.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public bool Allowed => Denial is null;

    public static AdmissionDecision Allow(IReadOnlyList<string>? warnings = null) => new(null, null, warnings ?? []);

    public static AdmissionDecision Mutate(JsonObject mutated, IReadOnlyList<string>? warnings = null) => new(mutated, null, warnings ?? []);

    /// <summary>Denies with the Status the client will see (e.g. a webhook's own status, or 403 Forbidden).</summary>
    public static AdmissionDecision Deny(ApiException status) => new(null, status, []);
}
