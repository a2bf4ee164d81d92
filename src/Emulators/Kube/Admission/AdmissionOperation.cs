namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>The operation an admission plugin is asked about (AdmissionReview <c>request.operation</c>).</summary>
public enum AdmissionOperation
{
    Create,
    Update,
    Delete,
    Connect,
}
