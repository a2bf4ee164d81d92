namespace OrleansEci.KubeletApi.Admission;

/// <summary>The pod is refused; <paramref name="Reason"/> says why and what to do instead.</summary>
/// <param name="Code">The HTTP status code reported in the AdmissionReview's status: 403 for a policy refusal, 400 for a malformed pod.</param>
public sealed record Deny(string Reason, int Code = 403) : AdmissionDecision([]);
