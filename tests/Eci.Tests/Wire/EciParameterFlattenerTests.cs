using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Exec;
using OrleansEci.Eci.Logs;
using OrleansEci.Eci.Regions;
using OrleansEci.Eci.Status;
using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.Tests.Wire;

public sealed class EciParameterFlattenerTests
{
    [Fact]
    public void Flatten_MaximalCreateContainerGroup_ProducesEveryReferenceNameAndNothingElse()
    {
        var expected = MaximalCreateExpectedParameters.Parse();

        var actual = EciParameterFlattener.Flatten(MaximalCreateRequest.Build());

        var duplicates = actual.GroupBy(static p => p.Key).Where(static g => g.Count() > 1).Select(static g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "Expected each name once, but these repeat: " + string.Join(", ", duplicates));
        var actualMap = actual.ToDictionary(static p => p.Key, static p => p.Value, StringComparer.Ordinal);
        var missing = expected.Keys.Except(actualMap.Keys).ToList();
        var extra = actualMap.Keys.Except(expected.Keys).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Expected exactly the reference names. Missing: [{string.Join(", ", missing)}]; not in the reference: [{string.Join(", ", extra)}]");
        var wrong = expected.Where(e => actualMap[e.Key] != e.Value).Select(e => $"{e.Key}: expected '{e.Value}', got '{actualMap[e.Key]}'").ToList();
        Assert.True(wrong.Count == 0, "Values differ: " + string.Join("; ", wrong));
    }

    [Fact]
    public void Flatten_NullPropertiesAndEmptyLists_SendsNothingForThem()
    {
        var request = new CreateContainerGroupRequest
        {
            ContainerGroupName = "a",
            VSwitchIds = [],
            Containers = [new() { Name = "c", Image = "i" }],
        };

        var actual = EciParameterFlattener.Flatten(request);

        Assert.Equal(
            ["ContainerGroupName=a", "Container.1.Name=c", "Container.1.Image=i"],
            actual.Select(static p => p.Key + "=" + p.Value));
    }

    [Fact]
    public void Flatten_ContainerGroupIds_SendsOneJsonArray()
    {
        var request = new DescribeContainerGroupStatusRequest { ContainerGroupIds = ["eci-a", "eci-b"], SinceSecond = 30, Limit = 200 };

        var actual = EciParameterFlattener.Flatten(request).ToDictionary(static p => p.Key, static p => p.Value);

        Assert.Equal("""["eci-a","eci-b"]""", actual["ContainerGroupIds"]);
        Assert.Equal("30", actual["SinceSecond"]);
        Assert.Equal("200", actual["Limit"]);
    }

    [Fact]
    public void Flatten_ExecCommand_SendsJsonTextWithoutEscapingPlusOrAngles()
    {
        var request = new ExecContainerCommandRequest { ContainerGroupId = "eci-1", ContainerName = "app", Command = ["/bin/sh", "-c", "echo a+b > /tmp/x"], Tty = true };

        var actual = EciParameterFlattener.Flatten(request).ToDictionary(static p => p.Key, static p => p.Value);

        Assert.Equal("""["/bin/sh","-c","echo a+b > /tmp/x"]""", actual["Command"]);
        Assert.Equal("true", actual["TTY"]);
    }

    [Fact]
    public void Flatten_LogStartTime_SendsUtcSecondsWithZ()
    {
        var request = new DescribeContainerLogRequest
        {
            ContainerGroupId = "eci-1",
            ContainerName = "app",
            StartTime = new DateTimeOffset(2025, 1, 2, 11, 4, 5, 678, TimeSpan.FromHours(8)),
            LastTime = true,
        };

        var actual = EciParameterFlattener.Flatten(request).ToDictionary(static p => p.Key, static p => p.Value);

        Assert.Equal("2025-01-02T03:04:05Z", actual["StartTime"]);
        Assert.Equal("true", actual["LastTime"]);
    }

    [Fact]
    public void Flatten_AvailableResource_NestsWithDots()
    {
        var request = new DescribeAvailableResourceRequest
        {
            DestinationResource = new() { Category = "InstanceType", Value = "ecs.c5.large", Cores = 2, Memory = 4 },
            SpotResource = new() { SpotStrategy = "SpotAsPriceGo", SpotDuration = 1 },
        };

        var actual = EciParameterFlattener.Flatten(request).Select(static p => p.Key + "=" + p.Value).ToList();

        Assert.Equal(
            ["DestinationResource.Category=InstanceType", "DestinationResource.Value=ecs.c5.large", "DestinationResource.Cores=2",
             "DestinationResource.Memory=4", "SpotResource.SpotStrategy=SpotAsPriceGo", "SpotResource.SpotDuration=1"],
            actual);
    }

    [Fact]
    public void FlattenUpdate_PostStartHeaders_UsesUpdatesPluralSpelling()
    {
        var request = new UpdateContainerGroupRequest
        {
            ContainerGroupId = "eci-1",
            Containers =
            [
                new()
                {
                    Name = "app", Image = "nginx",
                    PostStart = new() { HttpGetPath = "/", HttpGetHttpHeaders = [new("X-A", "1")] },
                    PreStop = new() { HttpGetPath = "/", HttpGetHttpHeaders = [new("X-B", "2")] },
                },
            ],
        };

        var keys = UpdateContainerGroupWire.Flatten(request).Select(static p => p.Key).ToList();

        Assert.Contains("Container.1.LifecyclePostStartHandlerHttpGetHttpHeaders.1.Name", keys);
        Assert.Contains("Container.1.LifecyclePreStopHandlerHttpGetHttpHeader.1.Name", keys);
        Assert.DoesNotContain("Container.1.LifecyclePostStartHandlerHttpGetHttpHeader.1.Name", keys);
    }

    [Fact]
    public void FlattenUpdate_CreateOnlyContainerField_ThrowsNamingTheField()
    {
        var request = new UpdateContainerGroupRequest
        {
            ContainerGroupId = "eci-1",
            Containers = [new() { Name = "app", Image = "nginx", SecurityContextPrivileged = true }],
        };

        var error = Assert.Throws<ArgumentException>(() => UpdateContainerGroupWire.Flatten(request));

        Assert.Contains("Container.1.SecurityContextPrivileged", error.Message, StringComparison.Ordinal);
    }
}
