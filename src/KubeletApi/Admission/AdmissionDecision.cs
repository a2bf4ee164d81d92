namespace OrleansEci.KubeletApi.Admission;

/// <summary>
/// What the webhook answers for one pod, as a value: <see cref="Allow"/> (unchanged), <see cref="Patch"/> (JSON Patch
/// operations) or <see cref="Deny"/> (a reason the user reads in kubectl's error). Warnings reach the user as
/// admission warnings (kubectl prints them) whatever the decision.
/// </summary>
public abstract record AdmissionDecision(IReadOnlyList<string> Warnings);
