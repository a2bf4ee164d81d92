using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

using OrleansEci.Spdy.RemoteCommand;

namespace OrleansEci.Spdy.Tests.RemoteCommand;

public sealed class RemoteCommandRequestTests
{
    [Fact]
    public void FromApiQuery_KubectlExecQuery_ToKubeletQueryString_KeepsEveryArgumentIntact()
    {
        var query = Query("?command=sh&command=-c&command=echo%20%24X%3B%20exit%203&container=c1&stdin=true&stdout=true&stderr=true&tty=false");

        var request = RemoteCommandRequest.FromApiQuery(query);

        Assert.Equal(["sh", "-c", "echo $X; exit 3"], request.Command);
        Assert.Equal((true, true, true, false, "c1"), (request.Stdin, request.Stdout, request.Stderr, request.Tty, request.Container));
        Assert.Equal("?command=sh&command=-c&command=echo%20%24X%3B%20exit%203&input=1&output=1&error=1", request.ToKubeletQueryString());
    }

    [Fact]
    public void FromKubeletQuery_OnlyValueOneCounts()
    {
        var request = RemoteCommandRequest.FromKubeletQuery(Query("?command=ls&input=true&output=1&tty=1"), "main");

        Assert.Equal((false, true, false, true, "main"), (request.Stdin, request.Stdout, request.Stderr, request.Tty, request.Container));
    }

    [Fact]
    public void HasStderrStream_WithTty_IsFalse()
    {
        Assert.False(new RemoteCommandRequest(true, true, true, Tty: true).HasStderrStream);
        Assert.NotNull(new RemoteCommandRequest(false, false, false, false).Validate());
    }

    private static QueryCollection Query(string query) => new(QueryHelpers.ParseQuery(query));
}
