using OrleansEci.Emulators.Kube.OpenApi;
using OrleansEci.Emulators.Kube.Patching;
using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.OpenApi;

/// <summary>
/// kubectl apply builds its strategic merge patch from the published markers; the server applies it with its own
/// patcher (<see cref="PatchSchema"/>). Where the two disagree on a list, a patch meant to merge one element would
/// replace the list (or the reverse), so every list of every registered kind must merge by the same key on both
/// sides. The known differences are listed, with why they are harmless today.
/// </summary>
public sealed class PatchMarkerConsistencyTests(SharedKubeServer shared)
{
    /// <summary>Where the server's patcher differs from k8s.io/api (found by this test, reported to the core's owner), by path fragment.</summary>
    private static readonly string[] KnownDifferences =
    [
        // k8s.io/api merges Service status conditions by type; the server's patcher replaces them (status is written by controllers, not applied).
        "Service status.conditions:",
        // k8s.io/api merges webhook matchConditions by name; the server's patcher replaces them.
        "MutatingWebhookConfiguration webhooks[].matchConditions:",
        // k8s.io/api declares ServiceAccount imagePullSecrets atomic; the server's patcher merges them by name.
        "ServiceAccount imagePullSecrets:",
        // The metadata of ephemeral volume claim templates: the server's patcher knows ObjectMeta only at the top and in pod templates.
        ".volumeClaimTemplate.metadata.",
    ];

    [Fact]
    public void RegisteredKinds_PublishedMergeKeys_MatchTheServersPatcher()
    {
        var differences = new List<string>();
        foreach (var type in shared.Server.Server.Registry.All.Where(t => t.ModelType is not null && PatchSchema.ForKind(t.Kind) is not null).DistinctBy(t => t.Kind))
        {
            Walk(type.Kind, type.ModelType!, PatchSchema.ForKind(type.Kind), "", 0, differences);
        }

        var unexpected = differences.Where(d => !KnownDifferences.Any(known => d.Contains(known, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "The OpenAPI patch markers and the server's strategic merge patch disagree on:\n" + string.Join('\n', unexpected));
        Assert.All(KnownDifferences, known => Assert.True(differences.Any(d => d.Contains(known, StringComparison.Ordinal)),
            $"The known difference '{known}' no longer occurs; remove it from the list. Differences found:\n{string.Join('\n', differences)}"));
    }

    private static void Walk(string kind, Type model, PatchType? patch, string path, int depth, List<string> differences)
    {
        if (depth > 10)
        {
            return;
        }

        foreach (var (field, property) in ModelCatalog.Properties(model))
        {
            var published = FieldExtensions.For(model, field);
            var mergesPublished = published?.PatchStrategy?.Split(',').Contains("merge") == true;
            var server = patch?.Field(field);
            var publishedKey = mergesPublished ? published!.MergeKey ?? "(primitives)" : null;
            var serverKey = server?.MergeKey ?? (server?.MergePrimitives == true ? "(primitives)" : null);
            var fieldPath = path.Length == 0 ? field : $"{path}.{field}";
            if (publishedKey != serverKey)
            {
                differences.Add($"{kind} {fieldPath}: published merge key {publishedKey ?? "none"}, server merge key {serverKey ?? "none"}");
            }

            var element = ModelCatalog.Unwrap(property.PropertyType);
            if (ModelCatalog.IsModel(element))
            {
                var isList = property.PropertyType.IsGenericType && property.PropertyType.GetGenericArguments().Length == 1;
                Walk(kind, element, server?.Type, isList ? fieldPath + "[]" : fieldPath, depth + 1, differences);
            }
        }
    }
}
