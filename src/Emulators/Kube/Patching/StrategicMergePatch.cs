using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>), written by hand because no .NET package
/// implements it. Semantics follow k8s.io/apimachinery/pkg/util/strategicpatch/patch.go and the SMP design doc
/// (https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md):
/// lists with a patchMergeKey merge by key, <c>$patch: replace|delete|merge</c>, <c>$retainKeys</c>,
/// <c>$setElementOrder/&lt;list&gt;</c>, <c>$deleteFromPrimitiveList/&lt;list&gt;</c>, null deletes.
/// One simplification: with <c>$setElementOrder</c>, elements the order does not name go after the named ones, where
/// the real server interleaves them by their old positions.
/// </summary>
public static class StrategicMergePatch
{
    private const string Directive = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    /// <summary>Applies the patch to <paramref name="original"/> (mutated) and returns the result.</summary>
    public static JsonObject Apply(JsonObject original, JsonObject patch, PatchType? schema) =>
        MergeMap(original, patch, schema) ?? new JsonObject();

    private static JsonObject? MergeMap(JsonObject original, JsonObject patch, PatchType? schema)
    {
        if (patch[Directive] is { } directive)
        {
            switch (directive.GetValue<string>())
            {
                case "replace":
                    var replaced = (JsonObject)patch.DeepClone();
                    replaced.Remove(Directive);
                    return replaced;
                case "delete":
                    return null;
                case "merge":
                    break;
                case var other:
                    throw ApiErrors.BadRequest($"Unknown patch type: {other} in map: {patch.ToJsonString()}");
            }
        }

        if (patch[RetainKeys] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                original.Remove(key);
            }
        }

        var orders = new List<(string Field, JsonArray Order)>();
        foreach (var (key, value) in patch)
        {
            if (key is Directive or RetainKeys)
            {
                continue;
            }

            if (key.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                orders.Add((key[SetElementOrder.Length..], value as JsonArray ?? []));
                continue;
            }

            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                DeleteFromList(original, key[DeleteFromPrimitiveList.Length..], value as JsonArray ?? []);
                continue;
            }

            MergeField(original, key, value, schema?.Field(key));
        }

        foreach (var (field, order) in orders)
        {
            if (original[field] is JsonArray list)
            {
                Reorder(list, order, schema?.Field(field)?.MergeKey);
            }
        }

        return original;
    }

    private static void MergeField(JsonObject original, string key, JsonNode? value, PatchField? field)
    {
        if (value is null)
        {
            original.Remove(key);
            return;
        }

        var existing = original[key];
        JsonNode? merged = (existing, value) switch
        {
            (JsonObject o, JsonObject p) => MergeMap(o, p, field?.Type),
            (JsonArray o, JsonArray p) => MergeList(o, p, field),
            (null, JsonObject p) => MergeMap([], p, field?.Type),
            (null, JsonArray p) => MergeList([], p, field),
            _ => value.DeepClone(),
        };
        if (merged is null)
        {
            original.Remove(key);
        }
        else if (!ReferenceEquals(merged, existing))
        {
            // Assigning in place keeps the property's position, so a patch that changes nothing leaves identical bytes.
            original[key] = merged.Parent is null ? merged : merged.DeepClone();
        }
    }

    private static JsonArray MergeList(JsonArray original, JsonArray patch, PatchField? field)
    {
        if (field is { MergePrimitives: true })
        {
            var result = new JsonArray([.. original.Select(n => n?.DeepClone())]);
            foreach (var item in patch)
            {
                if (item is JsonObject { } marker && marker[Directive]?.GetValue<string>() == "replace")
                {
                    return new JsonArray([.. patch.Where(p => p is not JsonObject).Select(p => p?.DeepClone())]);
                }

                if (!result.Any(r => JsonNode.DeepEquals(r, item)))
                {
                    result.Add(item?.DeepClone());
                }
            }

            return result;
        }

        if (field?.MergeKey is not { } mergeKey)
        {
            return new JsonArray([.. patch.Select(p => p is JsonObject o ? MergeMap([], o, field?.Type) : p?.DeepClone())]);
        }

        if (patch.Any(p => p is JsonObject o && o.Count == 1 && o[Directive]?.GetValue<string>() == "replace"))
        {
            return new JsonArray([.. patch.OfType<JsonObject>().Where(o => o[Directive] is null).Select(o => MergeMap([], o, field.Type))]);
        }

        var merged = new JsonArray([.. original.Select(n => n?.DeepClone())]);
        foreach (var element in patch)
        {
            if (element is not JsonObject patchItem)
            {
                throw ApiErrors.BadRequest($"unable to find api field in struct for the list: expected maps in a list with merge key \"{mergeKey}\"");
            }

            var keyValue = patchItem[mergeKey];
            var match = merged.OfType<JsonObject>().FirstOrDefault(o => JsonNode.DeepEquals(o[mergeKey], keyValue));
            if (patchItem[Directive]?.GetValue<string>() == "delete")
            {
                foreach (var gone in merged.OfType<JsonObject>().Where(o => JsonNode.DeepEquals(o[mergeKey], keyValue)).ToList())
                {
                    merged.Remove(gone);
                }

                continue;
            }

            if (match is null)
            {
                merged.Add(MergeMap([], patchItem, field.Type));
                continue;
            }

            var index = merged.IndexOf(match);
            var result = MergeMap(match, patchItem, field.Type);
            merged.RemoveAt(index);
            if (result is not null)
            {
                merged.Insert(index, result.Parent is null ? result : result.DeepClone());
            }
        }

        return merged;
    }

    private static void DeleteFromList(JsonObject original, string field, JsonArray values)
    {
        if (original[field] is not JsonArray list)
        {
            return;
        }

        foreach (var item in list.Where(i => values.Any(v => JsonNode.DeepEquals(v, i))).ToList())
        {
            list.Remove(item);
        }
    }

    private static void Reorder(JsonArray list, JsonArray order, string? mergeKey)
    {
        int Rank(JsonNode? item)
        {
            for (var i = 0; i < order.Count; i++)
            {
                var wanted = mergeKey is null ? order[i] : (order[i] as JsonObject)?[mergeKey];
                var actual = mergeKey is null ? item : (item as JsonObject)?[mergeKey];
                if (JsonNode.DeepEquals(wanted, actual))
                {
                    return i;
                }
            }

            return int.MaxValue;
        }

        var sorted = list.Select((item, index) => (item, index, rank: Rank(item)))
            .OrderBy(t => t.rank).ThenBy(t => t.index).Select(t => t.item).ToList();
        list.Clear();
        foreach (var item in sorted)
        {
            list.Add(item);
        }
    }
}
