using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Kubernetes calls these 'object' (watch events, AdmissionReview); the API's own names read best.")]
