namespace OrleansEci.KubeletApi.Errors;

/// <summary>Why a request is not served, as a value: the kind (which decides the status) and a message for the caller.</summary>
public sealed record KubeletProblem(KubeletProblemKind Kind, string Message)
{
    /// <summary>A malformed query parameter, named, as the API server's validation messages do.</summary>
    public static KubeletProblem InvalidParameter(string name, string value, string expected) =>
        new(KubeletProblemKind.BadRequest, $"invalid value \"{value}\" for query parameter \"{name}\": {expected}");

    public static KubeletProblem NotFound(string message) => new(KubeletProblemKind.NotFound, message);

    public static KubeletProblem BadRequest(string message) => new(KubeletProblemKind.BadRequest, message);
}
