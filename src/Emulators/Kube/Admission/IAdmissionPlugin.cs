namespace OrleansEci.Emulators.Kube.Admission;

/// <summary>
/// A mutating admission step run on every create and update (and, where a plugin wants, delete/connect), after
/// defaulting and before validation, in DI registration order; the mutating webhook dispatcher is one. Register with
/// <c>services.AddSingleton&lt;IAdmissionPlugin, X&gt;()</c>. Updates may be retried on a write conflict, so a plugin
/// can be called more than once for one request.
/// </summary>
public interface IAdmissionPlugin
{
    ValueTask<AdmissionDecision> AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken);
}
