namespace OrleansEci.Emulators.Kube.OpenApi;

/// <summary>One served OpenAPI v3 document: its discovery path (<c>api/v1</c>, <c>apis/apps/v1</c>), bytes and hash.</summary>
/// <param name="Path">The key in the <c>/openapi/v3</c> index.</param>
/// <param name="Json">The document, serialized once.</param>
/// <param name="Hash">Upper-case hex SHA-512 of <paramref name="Json"/>, kube-openapi's ETag and <c>?hash=</c> value.</param>
public sealed record GroupVersionDocument(string Path, byte[] Json, string Hash)
{
    /// <summary><c>/openapi/v3/apis/apps/v1?hash=...</c>.</summary>
    public string ServerRelativeUrl => $"/openapi/v3/{Path}?hash={Hash}";
}
