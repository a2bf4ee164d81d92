using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Validation;

namespace OrleansEci.Emulators.Kube.Objects;

/// <summary>
/// The checks every object gets (ValidateObjectMeta in k8s.io/apimachinery/pkg/api/validation/objectmeta.go):
/// name per the type's rule, label keys and values, annotation keys and total size, finalizer names.
/// </summary>
public static class MetadataValidation
{
    private const int TotalAnnotationSizeLimit = 256 * 1024;

    public static void Validate(JsonObject obj, NameRule rule, List<StatusCause> causes)
    {
        var meta = Meta.Of(obj);
        var name = Meta.Name(obj) ?? "";
        if (name.Length == 0)
        {
            causes.Add(StatusCause.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            foreach (var problem in NameProblems(name, rule))
            {
                causes.Add(StatusCause.Invalid("metadata.name", name, problem));
            }
        }

        if (meta["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                foreach (var problem in NameValidation.QualifiedName(key))
                {
                    causes.Add(StatusCause.Invalid("metadata.labels", key, problem));
                }

                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                if (text is null)
                {
                    causes.Add(StatusCause.Invalid($"metadata.labels", value?.ToJsonString(), "label values must be strings"));
                    continue;
                }

                foreach (var problem in NameValidation.LabelValue(text))
                {
                    causes.Add(StatusCause.Invalid("metadata.labels", text, problem));
                }
            }
        }

        if (meta["annotations"] is JsonObject annotations)
        {
            var size = 0;
            foreach (var (key, value) in annotations)
            {
                foreach (var problem in NameValidation.QualifiedName(key.ToLowerInvariant()))
                {
                    causes.Add(StatusCause.Invalid("metadata.annotations", key, problem));
                }

                size += key.Length + (value is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : 0);
            }

            if (size > TotalAnnotationSizeLimit)
            {
                causes.Add(StatusCause.TooLong("metadata.annotations", "", TotalAnnotationSizeLimit));
            }
        }

        foreach (var finalizer in Meta.Finalizers(obj))
        {
            foreach (var problem in NameValidation.QualifiedName(finalizer))
            {
                causes.Add(StatusCause.Invalid("metadata.finalizers", finalizer, problem));
            }
        }
    }

    public static IReadOnlyList<string> NameProblems(string name, NameRule rule) => rule switch
    {
        NameRule.Dns1123Label => NameValidation.Dns1123Label(name),
        NameRule.Dns1035Label => NameValidation.Dns1035Label(name),
        _ => NameValidation.Dns1123Subdomain(name),
    };
}
