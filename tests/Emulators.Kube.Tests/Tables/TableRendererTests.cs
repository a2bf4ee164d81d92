using System.Net.Http.Headers;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Tables;

/// <summary>
/// Table output over HTTP, as kubectl asks for it (kubectl-wire.md §2): the negotiated content type, row objects per
/// includeObject, v1beta1, single objects, pages, watch events with headers on the first event only, and plain JSON
/// untouched.
/// </summary>
public sealed class TableRendererTests(SharedKubeServer shared)
{
    private const string KubectlAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task List_KubectlAccept_AnswersATableWithPartialObjectMetadataRows()
    {
        var ns = await PodsAsync("a", "b");

        var (status, table, response) = await _kube.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods?limit=500", accept: KubectlAccept);

        Assert.Equal(200, status);
        Assert.Equal("application/json;as=Table;v=v1;g=meta.k8s.io", response.Content.Headers.ContentType!.ToString().Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("Table", table!["kind"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1", table["apiVersion"]!.GetValue<string>());
        Assert.NotNull(table["metadata"]!["resourceVersion"]);
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"],
            table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("name", table["columnDefinitions"]![0]!["format"]!.GetValue<string>());
        var row = table["rows"]!.AsArray()[0]!;
        Assert.Equal("a", row["cells"]![0]!.GetValue<string>());
        Assert.Equal("PartialObjectMetadata", row["object"]!["kind"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1", row["object"]!["apiVersion"]!.GetValue<string>());
        Assert.Equal(ns, row["object"]!["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Null(row["object"]!["spec"]);
    }

    [Theory]
    [InlineData("None", null)]
    [InlineData("Object", "Pod")]
    [InlineData("Metadata", "PartialObjectMetadata")]
    public async Task List_IncludeObject_ControlsTheRowObject(string include, string? kind)
    {
        var ns = await PodsAsync("a");

        var (_, table, _) = await _kube.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods?includeObject={include}", accept: KubectlAccept);

        Assert.Equal(kind, table!["rows"]![0]!["object"]?["kind"]?.GetValue<string>());
    }

    [Fact]
    public async Task List_UnknownIncludeObject_IsBadRequest()
    {
        var (status, body, _) = await _kube.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods?includeObject=All", accept: KubectlAccept);

        Assert.Equal(400, status);
        Assert.Equal("BadRequest", body!["reason"]!.GetValue<string>());
        Assert.Equal("unrecognized includeObject value: \"All\"", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_V1Beta1Only_AnswersAV1Beta1TableForOneObject()
    {
        var ns = await PodsAsync("one");
        var pod = await _kube.Client.CoreV1.ReadNamespacedPodAsync("one", ns, cancellationToken: TestContext.Current.CancellationToken);

        var (_, table, _) = await _kube.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods/one", accept: "application/json;as=Table;v=v1beta1;g=meta.k8s.io");

        Assert.Equal("meta.k8s.io/v1beta1", table!["apiVersion"]!.GetValue<string>());
        Assert.Equal(pod.Metadata.ResourceVersion, table["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1beta1", table["rows"]!.AsArray().Single()!["object"]!["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_Paged_CarriesTheContinueToken()
    {
        var ns = await PodsAsync("a", "b", "c");

        var (_, first, _) = await _kube.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods?limit=2", accept: KubectlAccept);
        var token = Uri.EscapeDataString(first!["metadata"]!["continue"]!.GetValue<string>());
        var (_, second, _) = await _kube.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods?limit=2&continue={token}", accept: KubectlAccept);

        Assert.Equal(2, first["rows"]!.AsArray().Count);
        Assert.Equal(["c"], second!["rows"]!.AsArray().Select(r => r!["cells"]![0]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_PlainJsonAccept_IsUnchanged()
    {
        var ns = await PodsAsync("a");

        var (_, list, response) = await _kube.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods", accept: "application/json");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("PodList", list!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_TypeServedByItsOwnHandler_FallsBackToJson()
    {
        var (_, list, _) = await _kube.SendAsync(HttpMethod.Get, "/apis/events.k8s.io/v1/namespaces/default/events", accept: KubectlAccept);

        Assert.Equal("EventList", list!["kind"]!.GetValue<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Watch_TableAccept_SendsOneRowTablesWithHeadersOnTheFirstEventOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await PodsAsync("a");
        using var http = new HttpClient { BaseAddress = _kube.Server.BaseUri };
        http.DefaultRequestHeaders.Accept.ParseAdd(KubectlAccept);
        using var watch = await RawWatch.OpenAsync(http, $"/api/v1/namespaces/{ns}/pods?watch=true", ct);

        var first = await watch.NextAsync();
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("b"), ns, cancellationToken: ct);
        var second = await watch.NextAsync();

        Assert.Equal("application/json;as=Table;v=v1;g=meta.k8s.io", watch.ContentType!.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("ADDED", first!["type"]!.GetValue<string>());
        Assert.Equal("Table", first["object"]!["kind"]!.GetValue<string>());
        Assert.Equal(9, first["object"]!["columnDefinitions"]!.AsArray().Count);
        Assert.Equal("a", first["object"]!["rows"]![0]!["cells"]![0]!.GetValue<string>());
        Assert.Equal("ADDED", second!["type"]!.GetValue<string>());
        Assert.Null(second["object"]!["columnDefinitions"]);
        Assert.Equal("b", second["object"]!["rows"]!.AsArray().Single()!["cells"]![0]!.GetValue<string>());
    }

    private async Task<string> PodsAsync(params string[] names)
    {
        var ns = await _kube.NewNamespaceAsync("table");
        foreach (var name in names)
        {
            await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod(name, node: "ghost"), ns, cancellationToken: TestContext.Current.CancellationToken);
        }

        return ns;
    }
}
