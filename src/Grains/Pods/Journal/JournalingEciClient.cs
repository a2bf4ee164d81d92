using System.Text.Json;

using OrleansEci.Eci;
using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Diagnostics;
using OrleansEci.Eci.Errors;
using OrleansEci.Eci.Events;
using OrleansEci.Eci.Exec;
using OrleansEci.Eci.Logs;
using OrleansEci.Eci.Metrics;
using OrleansEci.Eci.Regions;
using OrleansEci.Eci.Status;
using OrleansEci.Grains.Diagnostics;

namespace OrleansEci.Grains.Pods.Journal;

/// <summary>
/// The pod grain's view of the ECI client: every call it makes is written to its journal with the action, latency,
/// outcome (<c>Ok</c> or the error category and code) and ECI's RequestId, then passed on unchanged (answers and
/// exceptions alike). Paged enumerations are passed through unjournaled (pod grains do not page).
/// </summary>
internal sealed class JournalingEciClient(IEciClient inner, PodJournal journal, TimeProvider time) : IEciClient
{
    /// <summary><paramref name="inner"/>, with every call written to <paramref name="journal"/>.</summary>
    public static IEciClient Wrap(IEciClient inner, PodJournal journal, TimeProvider time) => new JournalingEciClient(inner, journal, time);

    public Task<CreateContainerGroupResponse> CreateContainerGroupAsync(CreateContainerGroupRequest request, CancellationToken cancellationToken = default) =>
        Journaled(EciActions.CreateContainerGroup, () => inner.CreateContainerGroupAsync(request, cancellationToken), static r => r.RequestId,
            static r => r.ContainerGroupId is { } id ? "group " + id : null);

    public Task<EciDryRunResult> DryRunCreateContainerGroupAsync(CreateContainerGroupRequest request, CancellationToken cancellationToken = default) =>
        Journaled(EciActions.CreateContainerGroup + " (DryRun)", () => inner.DryRunCreateContainerGroupAsync(request, cancellationToken), static r => r.RequestId,
            static r => r.Code);

    public Task<DescribeContainerGroupsResponse> DescribeContainerGroupsAsync(DescribeContainerGroupsRequest request, CancellationToken cancellationToken = default) =>
        Journaled(EciActions.DescribeContainerGroups, () => inner.DescribeContainerGroupsAsync(request, cancellationToken), static r => r.RequestId,
            static r => $"{r.ContainerGroups.Count} group(s)");

    public IAsyncEnumerable<ContainerGroup> ListContainerGroupsAsync(DescribeContainerGroupsRequest request, CancellationToken cancellationToken = default) =>
        inner.ListContainerGroupsAsync(request, cancellationToken);

    public Task<DescribeContainerGroupStatusResponse> DescribeContainerGroupStatusAsync(DescribeContainerGroupStatusRequest request, CancellationToken cancellationToken = default) =>
        Journaled(EciActions.DescribeContainerGroupStatus, () => inner.DescribeContainerGroupStatusAsync(request, cancellationToken), static r => r.RequestId, null);

    public IAsyncEnumerable<ContainerGroupStatus> ListContainerGroupStatusesAsync(DescribeContainerGroupStatusRequest request, CancellationToken cancellationToken = default) =>
        inner.ListContainerGroupStatusesAsync(request, cancellationToken);

    public Task<DescribeContainerGroupEventsResponse> DescribeContainerGroupEventsAsync(DescribeContainerGroupEventsRequest request, CancellationToken cancellationToken = default) =>
        Journaled(EciActions.DescribeContainerGroupEvents, () => inner.DescribeContainerGroupEventsAsync(request, cancellationToken), static r => r.RequestId, null);

    public IAsyncEnumerable<ContainerGroupEvents> ListContainerGroupEventsAsync(DescribeContainerGroupEventsRequest request, CancellationToken cancellationToken = default) =>
        inner.ListContainerGroupEventsAsync(request, cancellationToken);

    public Task<EciResponse> DeleteContainerGroupAsync(DeleteContainerGroupRequest request, CancellationToken cancellationToken = default) =>
        Journaled(EciActions.DeleteContainerGroup, () => inner.DeleteContainerGroupAsync(request, cancellationToken), static r => r.RequestId,
            _ => "group " + request.ContainerGroupId);

    public Task<EciResponse> UpdateContainerGroupAsync(UpdateContainerGroupRequest request, CancellationToken cancellationToken = default) =>
        Journaled(EciActions.UpdateContainerGroup, () => inner.UpdateContainerGroupAsync(request, cancellationToken), static r => r.RequestId, null);

    public Task<EciResponse> RestartContainerGroupAsync(RestartContainerGroupRequest request, CancellationToken cancellationToken = default) =>
        Journaled(EciActions.RestartContainerGroup, () => inner.RestartContainerGroupAsync(request, cancellationToken), static r => r.RequestId, null);

    public Task<DescribeContainerLogResponse> DescribeContainerLogAsync(DescribeContainerLogRequest request, CancellationToken cancellationToken = default) =>
        Journaled(EciActions.DescribeContainerLog, () => inner.DescribeContainerLogAsync(request, cancellationToken), static r => r.RequestId, null);

    public Task<ExecContainerCommandResponse> ExecContainerCommandAsync(ExecContainerCommandRequest request, CancellationToken cancellationToken = default) =>
        Journaled(EciActions.ExecContainerCommand, () => inner.ExecContainerCommandAsync(request, cancellationToken), static r => r.RequestId, null);

    public Task<DescribeContainerGroupMetricResponse> DescribeContainerGroupMetricAsync(DescribeContainerGroupMetricRequest request, CancellationToken cancellationToken = default) =>
        Journaled(EciActions.DescribeContainerGroupMetric, () => inner.DescribeContainerGroupMetricAsync(request, cancellationToken), static r => r.RequestId, null);

    public Task<DescribeMultiContainerGroupMetricResponse> DescribeMultiContainerGroupMetricAsync(DescribeMultiContainerGroupMetricRequest request,
        CancellationToken cancellationToken = default) =>
        Journaled(EciActions.DescribeMultiContainerGroupMetric, () => inner.DescribeMultiContainerGroupMetricAsync(request, cancellationToken), static r => r.RequestId, null);

    public Task<DescribeRegionsResponse> DescribeRegionsAsync(DescribeRegionsRequest? request = null, CancellationToken cancellationToken = default) =>
        Journaled(EciActions.DescribeRegions, () => inner.DescribeRegionsAsync(request, cancellationToken), static r => r.RequestId, null);

    public Task<DescribeAvailableResourceResponse> DescribeAvailableResourceAsync(DescribeAvailableResourceRequest request, CancellationToken cancellationToken = default) =>
        Journaled(EciActions.DescribeAvailableResource, () => inner.DescribeAvailableResourceAsync(request, cancellationToken), static r => r.RequestId, null);

    public Task<JsonElement> InvokeAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken = default) =>
        Journaled(action, () => inner.InvokeAsync(action, parameters, cancellationToken),
            static r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("RequestId", out JsonElement id) ? id.GetString() : null, null);

    private async Task<T> Journaled<T>(string action, Func<Task<T>> call, Func<T, string?> requestId, Func<T, string?>? describe)
    {
        long started = time.GetTimestamp();
        try
        {
            T answer = await call().ConfigureAwait(true); // back on the grain's scheduler: the journal is turn-confined
            string? detail = describe?.Invoke(answer);
            journal.Add(new JournalEntry(time.GetUtcNow(), JournalEntryKind.EciCall, detail is null ? $"{action} Ok" : $"{action} Ok: {detail}")
            {
                Action = action,
                Outcome = EciMetrics.Ok,
                LatencyMs = Milliseconds(started),
                RequestId = requestId(answer),
            });
            return answer;
        }
        catch (EciException e)
        {
            journal.Add(new JournalEntry(time.GetUtcNow(), JournalEntryKind.EciCall, $"{action} failed: {e.Category} {e.Code}")
            {
                Action = action,
                Outcome = e.Category.ToString(),
                LatencyMs = Milliseconds(started),
                RequestId = e.RequestId,
                Detail = e.ErrorMessage ?? e.Message,
            });
            throw;
        }
    }

    private double Milliseconds(long started) => Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1);
}
