namespace OrleansEci.KubeletApi.Admission;

/// <summary>The HTTP answer to one webhook call: status code, body and its content type.</summary>
public sealed record AdmissionHttpResult(int StatusCode, ReadOnlyMemory<byte> Body, string ContentType)
{
    public const string Json = "application/json";

    public const string Text = "text/plain; charset=utf-8";
}
