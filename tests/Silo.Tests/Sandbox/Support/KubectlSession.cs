using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OrleansEci.Silo.Tests.Sandbox.Support;

/// <summary>
/// The real kubectl pointed at the sandbox through a kubeconfig whose context namespace is the test's own, so the
/// README's commands (which name no namespace) run unchanged and tests do not see each other's objects.
/// </summary>
internal sealed class KubectlSession(string ns, string kubeconfigPath, string workDirectory)
{
    /// <summary>How long one kubectl run may take before the test fails instead of hanging.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a pod or group may take to reach the state a test waits for (ECI's emulated start is ~5 s).</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(40);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);

    public string Namespace => ns;

    public string KubeconfigPath => kubeconfigPath;

    /// <summary>Runs kubectl with these arguments (no shell).</summary>
    public Task<KubectlResult> RunAsync(params string[] args) =>
        RunProcessAsync(KubectlBinary.KubectlPath!, args, "kubectl " + string.Join(' ', args));

    /// <summary>Runs one README command as a newcomer's shell would (<c>sh -c</c>: quotes, heredocs).</summary>
    public Task<KubectlResult> ShellAsync(string command) =>
        RunProcessAsync(KubectlBinary.ShellPath!, ["-c", command], command);

    /// <summary><c>kubectl get ARGS -o json</c>, parsed.</summary>
    public async Task<JsonObject> GetJsonAsync(params string[] args)
    {
        string stdout = (await RunAsync(["get", .. args, "-o", "json"])).Succeeded();
        return JsonNode.Parse(stdout)!.AsObject();
    }

    /// <summary>
    /// Polls <c>kubectl get ARGS -o json</c> until <paramref name="condition"/> holds and returns that answer; fails saying
    /// <paramref name="what"/> and showing <paramref name="describe"/> of the last answer after <see cref="WaitLimit"/>.
    /// </summary>
    public async Task<JsonObject> UntilAsync(string what, string[] args, Func<JsonObject, bool> condition, Func<JsonObject, string> describe)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            JsonObject last = await GetJsonAsync(args);
            if (condition(last))
            {
                return last;
            }

            Assert.True(deadline.Elapsed < WaitLimit,
                $"Expected {what} (namespace {ns}) within {WaitLimit.TotalSeconds} s; it did not happen. Last seen: {describe(last)}");
            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Runs a command until its output satisfies <paramref name="condition"/>, bounded by <see cref="WaitLimit"/>.</summary>
    public async Task<string> UntilOutputAsync(string what, Func<Task<KubectlResult>> run, Func<string, bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            string stdout = (await run()).Succeeded();
            if (condition(stdout))
            {
                return stdout;
            }

            Assert.True(deadline.Elapsed < WaitLimit, $"Expected {what} (namespace {ns}) within {WaitLimit.TotalSeconds} s; last output:\n{stdout}");
            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }

    private async Task<KubectlResult> RunProcessAsync(string file, IReadOnlyList<string> args, string commandLine)
    {
        KubectlBinary.Require();
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDirectory,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG"] = kubeconfigPath;
        start.Environment["KUBECACHEDIR"] = Path.Combine(workDirectory, "cache");
        start.Environment["HOME"] = workDirectory;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"`{commandLine}` did not exit within {CommandTimeout.TotalSeconds} s; it was killed.\nstdout so far:\n{await stdout}\nstderr so far:\n{await stderr}");
        }

        return new KubectlResult(commandLine, process.ExitCode, await stdout, await stderr);
    }
}
