using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;
using OrleansEci.Eci.Tests.LocalEci;

namespace OrleansEci.Eci.Tests.BadInput;

/// <summary>
/// Creates the local ECI service must refuse, sent through the client: the service answers the documented code in
/// ECI's error envelope, and the client surfaces it at once (no retry) as a typed <see cref="EciException"/> carrying
/// the original Code, Message, RequestId, HostId, Recommend and HTTP status.
/// </summary>
public sealed class CreateBadInputTests
{
    public static TheoryData<string, string, string, EciErrorCategory> Cases => new()
    {
        { "no containers", "MissingParameter", "\"Container\"", EciErrorCategory.InvalidRequest },
        { "21 containers", "InvalidParameter", "at most 20 containers; 21 were given", EciErrorCategory.InvalidRequest },
        { "invalid name", "InvalidParameter", "\"ContainerGroupName\"", EciErrorCategory.InvalidRequest },
        { "spot price with 4 decimals", "InvalidParameter", "\"SpotPriceLimit\"", EciErrorCategory.InvalidRequest },
        { "negative spot price", "InvalidParameter", "\"SpotPriceLimit\"", EciErrorCategory.InvalidRequest },
        { "price-limited spot without a price", "MissingParameter", "\"SpotPriceLimit\"", EciErrorCategory.InvalidRequest },
        { "unknown vSwitch", "InvalidVSwitchId.NotFound", "vsw-does-not-exist", EciErrorCategory.InvalidRequest },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CreateContainerGroup_BadInput_TypedErrorWithTheServicesCodeMessageAndRequestId(string input, string code, string messagePart, EciErrorCategory category)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using LocalEciService eci = await LocalEciService.StartAsync(configure: null, ct);
        EnvelopeRecorder wire = new();
        EciClient client = eci.CreateClient(handler: wire);

        EciException error = await Assert.ThrowsAsync<EciException>(() => client.CreateContainerGroupAsync(Request(input), ct));

        Assert.True(error.Code == code && error.Category == category && error.HttpStatus == 400 && !error.IsRetryable,
            $"Expected '{input}' to fail with 400 {code} ({category}, not retried), got {error.HttpStatus} {error.Code} ({error.Category}): {error.Message}");
        Assert.True(error.ErrorMessage?.Contains(messagePart, StringComparison.Ordinal) == true, $"Expected the message of '{input}' to name {messagePart}, got '{error.ErrorMessage}'");
        Assert.True((int?)wire.LastStatus == error.HttpStatus && wire.Field("Code") == error.Code && wire.Field("Message") == error.ErrorMessage
            && wire.Field("RequestId") == error.RequestId && wire.Field("HostId") == error.HostId && wire.Field("Recommend") == error.Recommend && error.RequestId is { Length: > 0 },
            $"Expected the exception to carry the envelope as sent ({wire.LastEnvelope}), got Code {error.Code}, RequestId {error.RequestId}, HostId {error.HostId}, Message '{error.ErrorMessage}'");
        Assert.Contains(error.RequestId, error.Message, StringComparison.Ordinal);
        ActionCalls calls = await eci.Control.CallsAsync("CreateContainerGroup", ct);
        Assert.True(calls is { Received: 1, Failed: 1, Succeeded: 0 } && await eci.Control.GroupCountAsync(ct) == 0,
            $"Expected exactly one refused call and no group for '{input}', got {calls}");
    }

    private static CreateContainerGroupRequest Request(string input)
    {
        ContainerDefinition app = new() { Name = "app", Image = "busybox:1.36" };
        CreateContainerGroupRequest valid = new() { ContainerGroupName = "bad-input", Containers = [app] };
        return input switch
        {
            "no containers" => valid with { Containers = [] },
            "21 containers" => valid with { Containers = [.. Enumerable.Range(0, 21).Select(i => app with { Name = $"app-{i}" })] },
            "invalid name" => valid with { ContainerGroupName = "Bad_Name" },
            "spot price with 4 decimals" => valid with { SpotStrategy = "SpotWithPriceLimit", SpotPriceLimit = 0.1234 },
            "negative spot price" => valid with { SpotStrategy = "SpotWithPriceLimit", SpotPriceLimit = -1 },
            "price-limited spot without a price" => valid with { SpotStrategy = "SpotWithPriceLimit" },
            "unknown vSwitch" => valid with { VSwitchIds = ["vsw-does-not-exist"] },
            _ => throw new ArgumentOutOfRangeException(nameof(input), input, "Unknown bad input."),
        };
    }
}
