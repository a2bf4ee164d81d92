using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansEci.Spdy.Tests.Support;

/// <summary>
/// The few API-server answers the real kubectl needs before an exec (reference/kubectl-wire.md §0, §1, §4): /version
/// (the gcloud dispatcher asks it first), legacy discovery for the core group, and one running pod "web" with
/// container "c1". Everything else is 404.
/// </summary>
internal static class KubectlApiEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/version", () => Results.Text(
            """{"major":"1","minor":"32","gitVersion":"v1.32.0-fake","gitCommit":"0","gitTreeState":"clean","buildDate":"2025-01-01T00:00:00Z","goVersion":"go1.23","compiler":"gc","platform":"linux/amd64"}""",
            "application/json"));
        app.MapGet("/api", () => Results.Text("""{"kind":"APIVersions","versions":["v1"]}""", "application/json"));
        app.MapGet("/apis", () => Results.Text("""{"kind":"APIGroupList","apiVersion":"v1","groups":[]}""", "application/json"));
        app.MapGet("/api/v1", () => Results.Text(
            """{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","shortNames":["po"],"verbs":["get","list"]},{"name":"pods/exec","singularName":"","namespaced":true,"kind":"PodExecOptions","verbs":["create","get"]}]}""",
            "application/json"));
        app.MapGet("/api/v1/namespaces/{ns}/pods/{pod}", (string ns, string pod) => Results.Text(
            $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"name":"{{{pod}}}","namespace":"{{{ns}}}","uid":"00000000-0000-0000-0000-000000000001"},"spec":{"containers":[{"name":"c1","image":"busybox"}]},"status":{"phase":"Running"}}""",
            "application/json"));
    }
}
