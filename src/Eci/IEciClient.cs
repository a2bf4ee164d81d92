using System.Text.Json;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Events;
using OrleansEci.Eci.Exec;
using OrleansEci.Eci.Logs;
using OrleansEci.Eci.Metrics;
using OrleansEci.Eci.Regions;
using OrleansEci.Eci.Status;

namespace OrleansEci.Eci;

/// <summary>
/// The ECI 2018-08-08 OpenAPI. Every call is signed, retried when throttled or transient (with the
/// same ClientToken for mutating calls), paced by the action's token bucket, and fails with an
/// <see cref="Errors.EciException"/> that carries the category and ECI's Code, Message and RequestId.
/// A request's empty <c>RegionId</c> is filled with the client's region.
/// </summary>
public interface IEciClient
{
    /// <summary>
    /// Creates a container group. When <see cref="CreateContainerGroupRequest.ClientToken"/> is empty
    /// one is generated before the first attempt, so a retry after a lost answer does not create a
    /// second group. ECI answers once the group is accepted; it then goes through Scheduling and Pending.
    /// </summary>
    Task<CreateContainerGroupResponse> CreateContainerGroupAsync(CreateContainerGroupRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the create with <c>DryRun=true</c> (and no generated ClientToken): ECI checks parameters,
    /// permissions and stock without creating anything. Passing returns the <c>DryRunOperation</c>
    /// answer; a failed check throws <see cref="Errors.EciException"/>.
    /// </summary>
    Task<EciDryRunResult> DryRunCreateContainerGroupAsync(CreateContainerGroupRequest request, CancellationToken cancellationToken = default);

    /// <summary>One page of DescribeContainerGroups.</summary>
    Task<DescribeContainerGroupsResponse> DescribeContainerGroupsAsync(DescribeContainerGroupsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every matching group, fetching pages (NextToken) as the stream is read.</summary>
    IAsyncEnumerable<ContainerGroup> ListContainerGroupsAsync(DescribeContainerGroupsRequest request, CancellationToken cancellationToken = default);

    /// <summary>One page of DescribeContainerGroupStatus.</summary>
    Task<DescribeContainerGroupStatusResponse> DescribeContainerGroupStatusAsync(DescribeContainerGroupStatusRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every matching status, fetching pages as the stream is read.</summary>
    IAsyncEnumerable<ContainerGroupStatus> ListContainerGroupStatusesAsync(DescribeContainerGroupStatusRequest request, CancellationToken cancellationToken = default);

    /// <summary>One page of DescribeContainerGroupEvents.</summary>
    Task<DescribeContainerGroupEventsResponse> DescribeContainerGroupEventsAsync(DescribeContainerGroupEventsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every matching group's events, fetching pages as the stream is read.</summary>
    IAsyncEnumerable<ContainerGroupEvents> ListContainerGroupEventsAsync(DescribeContainerGroupEventsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Deletes a group (ClientToken generated when empty). A missing group fails with category NotFound.</summary>
    Task<EciResponse> DeleteContainerGroupAsync(DeleteContainerGroupRequest request, CancellationToken cancellationToken = default);

    /// <summary>Updates a group (ClientToken generated when empty).</summary>
    Task<EciResponse> UpdateContainerGroupAsync(UpdateContainerGroupRequest request, CancellationToken cancellationToken = default);

    /// <summary>Restarts a group (ClientToken generated when empty).</summary>
    Task<EciResponse> RestartContainerGroupAsync(RestartContainerGroupRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads a container's log.</summary>
    Task<DescribeContainerLogResponse> DescribeContainerLogAsync(DescribeContainerLogRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts a command in a container.</summary>
    Task<ExecContainerCommandResponse> ExecContainerCommandAsync(ExecContainerCommandRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads one group's metrics.</summary>
    Task<DescribeContainerGroupMetricResponse> DescribeContainerGroupMetricAsync(DescribeContainerGroupMetricRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads several groups' metrics.</summary>
    Task<DescribeMultiContainerGroupMetricResponse> DescribeMultiContainerGroupMetricAsync(DescribeMultiContainerGroupMetricRequest request, CancellationToken cancellationToken = default);

    /// <summary>Lists regions and zones.</summary>
    Task<DescribeRegionsResponse> DescribeRegionsAsync(DescribeRegionsRequest? request = null, CancellationToken cancellationToken = default);

    /// <summary>Reads stock of ECS instance types or families per zone.</summary>
    Task<DescribeAvailableResourceResponse> DescribeAvailableResourceAsync(DescribeAvailableResourceRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls any action with already-flattened parameters, through the same signing, retry, token
    /// bucket and error classification, and returns the JSON answer. For actions without a typed
    /// method and for protocol tests. Mutating calls get no generated ClientToken here.
    /// </summary>
    Task<JsonElement> InvokeAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken = default);
}
