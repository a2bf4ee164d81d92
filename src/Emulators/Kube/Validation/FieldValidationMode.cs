namespace OrleansEci.Emulators.Kube.Validation;

/// <summary>The <c>fieldValidation</c> query parameter: what to do with fields the schema does not know.</summary>
public enum FieldValidationMode
{
    /// <summary>Drop unknown fields silently.</summary>
    Ignore,

    /// <summary>Drop unknown fields and report each in a <c>Warning</c> header (the server's default).</summary>
    Warn,

    /// <summary>Reject the request with 400 BadRequest <c>strict decoding error: unknown field "..."</c>.</summary>
    Strict,
}
