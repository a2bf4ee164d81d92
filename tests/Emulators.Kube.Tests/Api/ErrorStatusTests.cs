using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Api;

/// <summary>Bad input gets the Status a real kube-apiserver returns (kubectl-wire.md §7).</summary>
public sealed class ErrorStatusTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task Create_MalformedJson_Returns400BadRequest()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", "{\"metadata\":");
        AssertStatus(400, "BadRequest", status, body);
    }

    [Fact]
    public async Task Create_MalformedYaml_Returns400BadRequest()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", "metadata:\n  name: [unclosed\n", "application/yaml");
        AssertStatus(400, "BadRequest", status, body);
        Assert.StartsWith("error converting YAML to JSON", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_YamlBody_IsAccepted()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  port: \"8080\"\n  enabled: \"true\"\n", "application/yaml");
        Assert.True(status == 201, $"expected 201 for a YAML ConfigMap, got {status}: {body}");
        Assert.Equal("8080", body!["data"]!["port"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_InvalidName_Returns422WithCauses()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Manifests.PodJson("Bad_Name"));
        AssertStatus(422, "Invalid", status, body);
        Assert.Equal(
            "Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            body!["message"]!.GetValue<string>());
        var details = body["details"]!.AsObject();
        Assert.Equal("Bad_Name", details["name"]!.GetValue<string>());
        Assert.Equal("Pod", details["kind"]!.GetValue<string>());
        var cause = details["causes"]!.AsArray().Single()!.AsObject();
        Assert.Equal("FieldValueInvalid", cause["reason"]!.GetValue<string>());
        Assert.Equal("metadata.name", cause["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_PodWithoutImage_Returns422RequiredValue()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods",
            """{"metadata":{"name":"noimage"},"spec":{"containers":[{"name":"app"}]}}""");
        AssertStatus(422, "Invalid", status, body);
        Assert.Equal("Pod \"noimage\" is invalid: spec.containers[0].image: Required value", body!["message"]!.GetValue<string>());
        Assert.Equal("FieldValueRequired", body["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_UnknownFieldStrict_Returns400StrictDecodingError()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods?fieldValidation=Strict",
            """{"metadata":{"name":"strict"},"spec":{"foo":1,"containers":[{"name":"app","image":"nginx","bar":true}]}}""");
        AssertStatus(400, "BadRequest", status, body);
        Assert.Equal("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.foo\", unknown field \"spec.containers[0].bar\"",
            body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_UnknownFieldWarn_DropsFieldAndWarns()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        var (status, body, response) = await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods?fieldValidation=Warn",
            """{"metadata":{"name":"warned"},"spec":{"foo":1,"containers":[{"name":"app","image":"nginx"}]}}""");
        Assert.True(status == 201, $"expected 201, got {status}: {body}");
        Assert.Null(body!["spec"]!["foo"]);
        Assert.Contains("299 - \"unknown field \\\"spec.foo\\\"\"", response.Headers.GetValues("Warning"));
    }

    [Fact]
    public async Task Get_Missing_Returns404NotFound()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods/nope");
        AssertStatus(404, "NotFound", status, body);
        Assert.Equal("pods \"nope\" not found", body!["message"]!.GetValue<string>());
        Assert.Equal("pods", body["details"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_MissingDeployment_NamesTheGroup()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Get, $"/apis/apps/v1/namespaces/{ns}/deployments/nope");
        AssertStatus(404, "NotFound", status, body);
        Assert.Equal("deployments.apps \"nope\" not found", body!["message"]!.GetValue<string>());
        Assert.Equal("apps", body["details"]!["group"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_Existing_Returns409AlreadyExists()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Manifests.PodJson("twice"));
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Manifests.PodJson("twice"));
        AssertStatus(409, "AlreadyExists", status, body);
        Assert.Equal("pods \"twice\" already exists", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_InMissingNamespace_Returns404ForTheNamespace()
    {
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Post, "/api/v1/namespaces/no-such-ns/pods", Manifests.PodJson("p"));
        AssertStatus(404, "NotFound", status, body);
        Assert.Equal("namespaces \"no-such-ns\" not found", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_BodyOverThreeMebibytes_Returns413()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        var big = "{\"metadata\":{\"name\":\"big\"},\"data\":{\"x\":\"" + new string('a', (3 * 1024 * 1024) + 10) + "\"}}";
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", big);
        AssertStatus(413, "RequestEntityTooLarge", status, body);
        Assert.Equal("Request entity too large: limit is 3145728", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_UnsupportedContentType_Returns415()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Manifests.PodJson("p"));
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/pods/p", "{}", "text/plain");
        AssertStatus(415, "UnsupportedMediaType", status, body);
    }

    [Fact]
    public async Task Patch_ServerSideApply_Returns415SayingItIsNotImplemented()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", Manifests.PodJson("p"));
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/pods/p?fieldManager=kubectl", "{}", "application/apply-patch+yaml");
        AssertStatus(415, "UnsupportedMediaType", status, body);
        Assert.Contains("not implemented", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_ProtobufBodyWithoutKind_Returns400()
    {
        // Protobuf bodies are decoded (tests in Protobuf/); an envelope without typeMeta is a bad request, as in kube-apiserver.
        var ns = await _kube.NewNamespaceAsync("err");
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", "k8s\0", "application/vnd.kubernetes.protobuf");
        AssertStatus(400, "BadRequest", status, body);
        Assert.Contains("Kind", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_OnCollection_Returns405()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Put, $"/api/v1/namespaces/{ns}/pods", "{}");
        AssertStatus(405, "MethodNotAllowed", status, body);
    }

    [Fact]
    public async Task Get_UnknownResource_Returns404Status()
    {
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Get, "/api/v1/widgets");
        AssertStatus(404, "NotFound", status, body);
        Assert.Equal("the server could not find the requested resource", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_OnlyProtobufAccepted_Returns406()
    {
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Get, "/api/v1/namespaces", accept: "application/vnd.kubernetes.protobuf");
        AssertStatus(406, "NotAcceptable", status, body);
    }

    [Fact]
    public async Task Create_NamespaceMismatch_Returns400()
    {
        var ns = await _kube.NewNamespaceAsync("err");
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"c","namespace":"other"}}""");
        AssertStatus(400, "BadRequest", status, body);
        Assert.Equal("the namespace of the provided object does not match the namespace sent on the request", body!["message"]!.GetValue<string>());
    }

    internal static void AssertStatus(int expectedCode, string expectedReason, int status, JsonObject? body)
    {
        Assert.True(status == expectedCode, $"expected HTTP {expectedCode} {expectedReason}, got {status}: {body}");
        Assert.NotNull(body);
        Assert.Equal("Status", body["kind"]?.GetValue<string>());
        Assert.Equal("v1", body["apiVersion"]?.GetValue<string>());
        Assert.Equal("Failure", body["status"]?.GetValue<string>());
        Assert.Equal(expectedReason, body["reason"]?.GetValue<string>());
        Assert.Equal(expectedCode, body["code"]?.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body["message"]?.GetValue<string>()), $"expected a message in {body}");
    }
}
