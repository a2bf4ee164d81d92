using System.Text.Json.Nodes;

namespace OrleansEci.Emulators.Kube.Resources;

/// <summary>Reads the value a field selector compares (e.g. <c>spec.nodeName</c>) from an object; null counts as "".</summary>
public delegate string? FieldExtractor(JsonObject obj);
