using OrleansEci.Emulators.Eci.Tests.Support;

namespace OrleansEci.Emulators.Eci.Tests.Groups;

/// <summary>Bad create requests answer ECI's documented codes.</summary>
public sealed class ValidationTests
{
    [Fact]
    public async Task Create_WithoutContainers_AnswersMissingParameter()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.Client.CallAsync("CreateContainerGroup", new Dictionary<string, string> { ["ContainerGroupName"] = "empty" })).AssertError(400, "MissingParameter");
    }

    [Fact]
    public async Task Create_TwentyOneContainers_AnswersInvalidParameter()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        Dictionary<string, string> p = new() { ["ContainerGroupName"] = "crowd" };
        for (int i = 1; i <= 21; i++)
        {
            p[$"Container.{i}.Name"] = $"c{i}";
            p[$"Container.{i}.Image"] = "busybox";
        }

        (await eci.Client.CallAsync("CreateContainerGroup", p)).AssertError(400, "InvalidParameter");
    }

    [Theory]
    [InlineData("Upper-Case")]
    [InlineData("-leading")]
    [InlineData("x")]
    public async Task Create_InvalidName_AnswersInvalidParameter(string name)
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.TryCreateAsync(name)).AssertError(400, "InvalidParameter");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0.12345")]
    [InlineData("cheap")]
    public async Task Create_BadSpotPrice_AnswersInvalidParameter(string price)
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.TryCreateAsync("spot", extra: new Dictionary<string, string> { ["SpotStrategy"] = "SpotWithPriceLimit", ["SpotPriceLimit"] = price }))
            .AssertError(400, "InvalidParameter");
    }

    [Fact]
    public async Task Create_SpotWithPriceLimitWithoutPrice_AnswersMissingParameter()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.TryCreateAsync("spot", extra: new Dictionary<string, string> { ["SpotStrategy"] = "SpotWithPriceLimit" })).AssertError(400, "MissingParameter");
    }

    [Fact]
    public async Task Create_UnknownVSwitch_AnswersInvalidVSwitchIdNotFound()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.TryCreateAsync("web", extra: new Dictionary<string, string> { ["VSwitchId"] = "vsw-nowhere" })).AssertError(400, "InvalidVSwitchId.NotFound");
    }

    [Fact]
    public async Task Create_MountOfUndeclaredVolume_AnswersInvalidParameter()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.TryCreateAsync("web", extra: new Dictionary<string, string> { ["Container.1.VolumeMount.1.Name"] = "ghost", ["Container.1.VolumeMount.1.MountPath"] = "/x" }))
            .AssertError(400, "InvalidParameter");
    }

    [Fact]
    public async Task Create_DryRun_AnswersDryRunOperationAndCreatesNothing()
    {
        await using TestEmulator eci = await TestEmulator.StartAsync();
        (await eci.TryCreateAsync("web", extra: new Dictionary<string, string> { ["DryRun"] = "true" })).AssertError(400, "DryRunOperation");
        Assert.Equal(0, (await eci.Client.CallAsync("DescribeContainerGroups")).EnsureOk()["TotalCount"].GetInt32());
    }
}
