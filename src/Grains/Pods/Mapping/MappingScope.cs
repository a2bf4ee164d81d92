using k8s.Models;

namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// One mapping in progress: the pod, what was fetched for it, the node's context, the notes collected so far and the
/// first failure. Mapping steps record failures here instead of throwing; an <see cref="Unsupported"/> wins over a
/// <see cref="MissingInput"/> because it does not go away by fetching again.
/// </summary>
internal sealed class MappingScope(V1Pod pod, PodInputs inputs, MappingContext context)
{
    private readonly List<MappingNote> notes = [];

    public V1Pod Pod => pod;

    public V1PodSpec Spec => pod.Spec;

    public PodInputs Inputs => inputs;

    public MappingContext Context => context;

    public IReadOnlyList<MappingNote> Notes => notes;

    public MappingResult? Failure { get; private set; }

    public bool Failed => Failure is not null;

    /// <summary><c>namespace/name</c>, for messages.</summary>
    public string PodRef => $"{pod.Metadata?.NamespaceProperty}/{pod.Metadata?.Name}";

    public void Note(string message) => notes.Add(new MappingNote(MappingNote.NotApplied, message));

    public void Unsupported(string reason, string message)
    {
        if (Failure is null or MissingInput)
        {
            Failure = new Unsupported(reason, message);
        }
    }

    public void InvalidAnnotation(string annotation, string value, string expected) =>
        Unsupported(MappingReasons.InvalidAnnotation, $"Annotation {annotation}=\"{value}\" is not valid: expected {expected}.");

    public void Missing(string message) => Failure ??= new MissingInput(MissingInput.CreateContainerConfigError, message);
}
