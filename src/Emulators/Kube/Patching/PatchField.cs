namespace OrleansEci.Emulators.Kube.Patching;

/// <summary>
/// How strategic merge patch treats one field: lists with a <see cref="MergeKey"/> merge element by element, primitive
/// lists with <see cref="MergePrimitives"/> merge as sets, others are replaced. <see cref="Type"/> describes the
/// field's value (or list element) for nested fields.
/// </summary>
public sealed record PatchField(string? MergeKey = null, bool MergePrimitives = false, PatchType? Type = null);
