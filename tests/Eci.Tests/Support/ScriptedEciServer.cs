using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansEci.Eci.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1:0 that plays scripted ECI answers in order (then the default),
/// records every call's form parameters and counts them. Tests tell it to fail; it never decides.
/// </summary>
public sealed class ScriptedEciServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedAnswer> _script = new();
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly Channel<RecordedCall> _arrivals = Channel.CreateUnbounded<RecordedCall>();
    private readonly CancellationTokenSource _stopping = new();

    private ScriptedEciServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The base URI to give the client.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The answer once the script is used up. Default: a plain success.</summary>
    public Func<RecordedCall, ScriptedAnswer> Default { get; set; } = static _ => ScriptedAnswer.Ok("""{"RequestId":"req-ok"}""");

    /// <summary>Every call so far, in order.</summary>
    public IReadOnlyList<RecordedCall> Calls => [.. _calls];

    public static async Task<ScriptedEciServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedEciServer(app);
        app.MapPost("/", server.HandleAsync);
        app.MapGet("/", server.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUri = new Uri(address + "/");
        return server;
    }

    /// <summary>Queues answers for the next calls.</summary>
    public ScriptedEciServer Then(params ScriptedAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }

        return this;
    }

    /// <summary>Waits until the next call arrives and returns it.</summary>
    public async Task<RecordedCall> NextArrivalAsync(CancellationToken cancellationToken) =>
        await _arrivals.Reader.ReadAsync(cancellationToken);

    private async Task HandleAsync(HttpContext context)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync(context.RequestAborted))
            {
                parameters[key] = value.ToString();
            }
        }

        var call = new RecordedCall(context.Request.Method, context.Request.ContentType, parameters);
        _calls.Enqueue(call);
        _arrivals.Writer.TryWrite(call);
        ScriptedAnswer answer = _script.TryDequeue(out var scripted) ? scripted : Default(call);
        if (answer.Hang)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            await Task.Delay(Timeout.Infinite, linked.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
            return;
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json;charset=utf-8";
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (answer.CutShort)
        {
            context.Response.ContentLength = answer.Body.Length + 100;
        }

        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
