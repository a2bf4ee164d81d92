using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Admission;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Objects;

public sealed partial class ResourceService
{
    private async Task<JsonObject> AdmitAsync(ResourceType type, string? subresource, AdmissionOperation operation, string? ns,
        JsonObject obj, JsonObject? old, bool dryRun, List<string> warnings, CancellationToken cancellationToken)
    {
        foreach (var plugin in _admission)
        {
            var request = new AdmissionRequest(type, subresource, operation, ns, Meta.Name(obj) ?? "", obj, old, dryRun);
            var decision = await plugin.AdmitAsync(request, cancellationToken).ConfigureAwait(false);
            warnings.AddRange(decision.Warnings);
            if (decision.Denial is { } denial)
            {
                throw denial;
            }

            if (decision.Mutated is { } mutated)
            {
                obj = mutated;
            }
        }

        return obj;
    }

    /// <summary>Metadata and type validation; 422 Invalid with every cause.</summary>
    private void Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var causes = new List<StatusCause>();
        MetadataValidation.Validate(obj, type.Strategy.NameRule, causes);
        type.Strategy.Validate(Context, obj, causes);
        if (old is not null)
        {
            ValidateMetadataUpdate(obj, old, causes);
            type.Strategy.ValidateUpdate(Context, obj, old, causes);
        }

        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid(type.Group, type.Kind, Meta.Name(obj) ?? "", causes);
        }
    }

    private static void ValidateMetadataUpdate(JsonObject obj, JsonObject old, List<StatusCause> causes)
    {
        if (Meta.DeletionTimestamp(old) is null)
        {
            return;
        }

        var added = Meta.Finalizers(obj).Except(Meta.Finalizers(old), StringComparer.Ordinal).ToList();
        if (added.Count > 0)
        {
            causes.Add(StatusCause.Forbidden("metadata.finalizers", $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{\"{string.Join("\", \"", added)}\"}}"));
        }
    }
}
