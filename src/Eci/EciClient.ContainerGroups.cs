using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;

namespace OrleansEci.Eci;

/// <summary>Creating, changing and listing container groups.</summary>
public sealed partial class EciClient
{
    /// <inheritdoc />
    public Task<CreateContainerGroupResponse> CreateContainerGroupAsync(CreateContainerGroupRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CreateContainerGroupResponse>(EciActions.CreateContainerGroup, WithClientToken(EciActions.CreateContainerGroup, request), cancellationToken);

    /// <inheritdoc />
    public async Task<EciDryRunResult> DryRunCreateContainerGroupAsync(CreateContainerGroupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        CreateContainerGroupResponse created;
        try
        {
            created = await SendAsync<CreateContainerGroupResponse>(EciActions.CreateContainerGroup, request with { DryRun = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (EciException passed) when (passed.Category == EciErrorCategory.DryRunPassed)
        {
            return new EciDryRunResult(passed.Code ?? "DryRunOperation", passed.ErrorMessage, passed.RequestId);
        }

        throw new InvalidOperationException(
            $"The endpoint answered a DryRun CreateContainerGroup by creating {created.ContainerGroupId ?? "a group"} (RequestId {created.RequestId}): it does not support DryRun. Delete that group.");
    }

    /// <inheritdoc />
    public Task<DescribeContainerGroupsResponse> DescribeContainerGroupsAsync(DescribeContainerGroupsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeContainerGroupsResponse>(EciActions.DescribeContainerGroups, request, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ContainerGroup> ListContainerGroupsAsync(DescribeContainerGroupsRequest request, CancellationToken cancellationToken = default) =>
        EciPager.ItemsAsync<DescribeContainerGroupsRequest, DescribeContainerGroupsResponse, ContainerGroup>(
            EciActions.DescribeContainerGroups, request, DescribeContainerGroupsAsync, cancellationToken);

    /// <inheritdoc />
    public Task<EciResponse> DeleteContainerGroupAsync(DeleteContainerGroupRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<EciResponse>(EciActions.DeleteContainerGroup, WithClientToken(EciActions.DeleteContainerGroup, request), cancellationToken);

    /// <inheritdoc />
    public async Task<EciResponse> UpdateContainerGroupAsync(UpdateContainerGroupRequest request, CancellationToken cancellationToken = default)
    {
        request = WithClientToken(EciActions.UpdateContainerGroup, request);
        string body = await SendAsync(EciActions.UpdateContainerGroup, UpdateContainerGroupWire.Flatten(request), cancellationToken).ConfigureAwait(false);
        return Parse<EciResponse>(EciActions.UpdateContainerGroup, body);
    }

    /// <inheritdoc />
    public Task<EciResponse> RestartContainerGroupAsync(RestartContainerGroupRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<EciResponse>(EciActions.RestartContainerGroup, WithClientToken(EciActions.RestartContainerGroup, request), cancellationToken);
}
