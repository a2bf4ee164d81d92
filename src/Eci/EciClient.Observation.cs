using OrleansEci.Eci.Events;
using OrleansEci.Eci.Exec;
using OrleansEci.Eci.Logs;
using OrleansEci.Eci.Metrics;
using OrleansEci.Eci.Regions;
using OrleansEci.Eci.Status;

namespace OrleansEci.Eci;

/// <summary>Statuses, events, logs, exec, metrics and region data.</summary>
public sealed partial class EciClient
{
    /// <inheritdoc />
    public Task<DescribeContainerGroupStatusResponse> DescribeContainerGroupStatusAsync(DescribeContainerGroupStatusRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeContainerGroupStatusResponse>(EciActions.DescribeContainerGroupStatus, request, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ContainerGroupStatus> ListContainerGroupStatusesAsync(DescribeContainerGroupStatusRequest request, CancellationToken cancellationToken = default) =>
        EciPager.ItemsAsync<DescribeContainerGroupStatusRequest, DescribeContainerGroupStatusResponse, ContainerGroupStatus>(
            EciActions.DescribeContainerGroupStatus, request, DescribeContainerGroupStatusAsync, cancellationToken);

    /// <inheritdoc />
    public Task<DescribeContainerGroupEventsResponse> DescribeContainerGroupEventsAsync(DescribeContainerGroupEventsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeContainerGroupEventsResponse>(EciActions.DescribeContainerGroupEvents, request, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ContainerGroupEvents> ListContainerGroupEventsAsync(DescribeContainerGroupEventsRequest request, CancellationToken cancellationToken = default) =>
        EciPager.ItemsAsync<DescribeContainerGroupEventsRequest, DescribeContainerGroupEventsResponse, ContainerGroupEvents>(
            EciActions.DescribeContainerGroupEvents, request, DescribeContainerGroupEventsAsync, cancellationToken);

    /// <inheritdoc />
    public Task<DescribeContainerLogResponse> DescribeContainerLogAsync(DescribeContainerLogRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeContainerLogResponse>(EciActions.DescribeContainerLog, request, cancellationToken);

    /// <inheritdoc />
    public Task<ExecContainerCommandResponse> ExecContainerCommandAsync(ExecContainerCommandRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ExecContainerCommandResponse>(EciActions.ExecContainerCommand, request, cancellationToken);

    /// <inheritdoc />
    public Task<DescribeContainerGroupMetricResponse> DescribeContainerGroupMetricAsync(DescribeContainerGroupMetricRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeContainerGroupMetricResponse>(EciActions.DescribeContainerGroupMetric, request, cancellationToken);

    /// <inheritdoc />
    public Task<DescribeMultiContainerGroupMetricResponse> DescribeMultiContainerGroupMetricAsync(DescribeMultiContainerGroupMetricRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeMultiContainerGroupMetricResponse>(EciActions.DescribeMultiContainerGroupMetric, request, cancellationToken);

    /// <inheritdoc />
    public Task<DescribeRegionsResponse> DescribeRegionsAsync(DescribeRegionsRequest? request = null, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeRegionsResponse>(EciActions.DescribeRegions, request ?? new DescribeRegionsRequest(), cancellationToken);

    /// <inheritdoc />
    public Task<DescribeAvailableResourceResponse> DescribeAvailableResourceAsync(DescribeAvailableResourceRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeAvailableResourceResponse>(EciActions.DescribeAvailableResource, request, cancellationToken);
}
