using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;
using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci;

/// <summary>Creating, changing and listing container groups.</summary>
public sealed partial class EciClient
{
    /// <inheritdoc />
    public Task<CreateContainerGroupResponse> CreateContainerGroupAsync(CreateContainerGroupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request with { ClientToken = EnsureClientToken(EciActions.CreateContainerGroup, request.ClientToken) };
        return SendAsync<CreateContainerGroupResponse>(EciActions.CreateContainerGroup, request, cancellationToken);
    }

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
    public IAsyncEnumerable<ContainerGroup> ListContainerGroupsAsync(DescribeContainerGroupsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EciPager.ItemsAsync(
            EciActions.DescribeContainerGroups,
            request,
            static (r, token) => r with { NextToken = token },
            DescribeContainerGroupsAsync,
            static page => page.NextToken,
            static page => page.ContainerGroups,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<EciResponse> DeleteContainerGroupAsync(DeleteContainerGroupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request with { ClientToken = EnsureClientToken(EciActions.DeleteContainerGroup, request.ClientToken) };
        return SendAsync<EciResponse>(EciActions.DeleteContainerGroup, request, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<EciResponse> UpdateContainerGroupAsync(UpdateContainerGroupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request with { ClientToken = EnsureClientToken(EciActions.UpdateContainerGroup, request.ClientToken) };
        string body = await SendAsync(EciActions.UpdateContainerGroup, UpdateContainerGroupWire.Flatten(request), cancellationToken).ConfigureAwait(false);
        return Parse<EciResponse>(EciActions.UpdateContainerGroup, body);
    }

    /// <inheritdoc />
    public Task<EciResponse> RestartContainerGroupAsync(RestartContainerGroupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request with { ClientToken = EnsureClientToken(EciActions.RestartContainerGroup, request.ClientToken) };
        return SendAsync<EciResponse>(EciActions.RestartContainerGroup, request, cancellationToken);
    }
}
