using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Events;
using OrleansEci.Grains.Pods.Status;

using static OrleansEci.Grains.Tests.Pods.Status.EciFixtures;

namespace OrleansEci.Grains.Tests.Pods.Status;

/// <summary>ECI events → pod events: ECI's reasons, messages and types kept; stable keys; repaired malformed entries.</summary>
public sealed class EciEventTranslatorTests
{
    /// <summary>Every event reason users see in <c>kubectl describe pod</c> (eci-on-kubernetes.md §6) with ECI's type and message.</summary>
    public static TheoryData<string, string, string> DocumentedEvents() => new()
    {
        { "Warning", "StockExhaust", "The stock of the specified zones will be used up. cn-beijing-e" },
        { "Warning", "NoStock", "Create ECI failed because the specified instance is out of stock. Please use multiple zones or specs." },
        { "Warning", "StockClose", "The current zone closed or limited without living instance. cn-beijing-e" },
        { "Warning", "FailedScheduling", "Schedule eci failed:vswitch vsw-2ze0 has no ip" },
        { "Warning", "UnknownError", "The ECI service is under heavy load, please try again later." },
        { "Warning", "SpotToBeReleased", "Spot ECI will be released in 3 minutes" },
        { "Warning", "DiskCapacityQuotaFull", "Your disk capacity quota is exceeded" },
        { "Normal", "AutoInstanceTypeMatch", "The most-matched instanceType for current eci instance is ecs.c6.large" },
        { "Warning", "CpuOptionsNotSupported", "The cpu options is not supported for your instanceType[ecs.t5-lc1m1.small]" },
        { "Warning", "CpuOptionsNotValid", "The cpu options is not valid for your instanceType[ecs.c6.large]" },
        { "Warning", "SystemFailureReboot", "The Specified ContainerGroup is rebooting" },
        { "Warning", "Throttling", "The request was denied due to system flow control." },
        { "Normal", "MultiZoneRecommendations", "Use vSwitches in cn-beijing-f and cn-beijing-g." },
        { "Warning", "ImageCacheMissed", "[eci.imagecache]Missed image cache." },
        { "Normal", "SuccessfulHitImageCache", "[eci.imagecache]Successfully hit image cache imc-2ze0" },
        { "Warning", "Unauthorized", "The RAM role AliyunECIContainerGroupRole is not authorized." },
        { "Warning", "ResourceInsufficient", "The maximum number of IP address in the VSwitch vsw-2ze0 is exceeded" },
        { "Warning", "QuotaFull", "The security group sg-2ze0 is full." },
        { "Warning", "CreateEipFailed", "Create EIP failed." },
        { "Warning", "AliyunSlsQuotaExceed", "The SLS quota is exceeded." },
    };

    [Theory]
    [MemberData(nameof(DocumentedEvents))]
    public void From_DocumentedEciEvent_KeepsReasonMessageAndType(string type, string reason, string message)
    {
        EciEvent e = new() { Type = type, Reason = reason, Message = message, Count = 2, FirstTimestamp = Created, LastTimestamp = Finished, Source = new EventSource { Component = "EciService", Host = "cn-beijing-e" } };
        PodEvent translated = EciEventTranslator.From([e], Now).Single();
        ContainerGroupEvent g = new() { Type = type, Reason = reason, Message = message, Count = 2, FirstTimestamp = Created, LastTimestamp = Finished, Name = GroupId };
        PodEvent fromGroup = EciEventTranslator.From([g], Now).Single();

        Assert.True(translated is { Type: var t, Reason: var r, Message: var m, Count: 2, Source: "EciService" } && t == type && r == reason && m == message,
            $"Expected {type} {reason} '{message}' ×2 from EciService, got {translated}.");
        Assert.True(translated.FirstTimestamp == Created.UtcDateTime && translated.LastTimestamp == Finished.UtcDateTime, $"Expected ECI's times for {reason}, got {translated.FirstTimestamp:O}..{translated.LastTimestamp:O}.");
        Assert.True(translated.Key == fromGroup.Key, $"Expected the same key for {reason} from both ECI calls, got {translated.Key} and {fromGroup.Key}.");
    }

    [Fact]
    public void From_RepolledEventWithHigherCount_SameKeyNewCount()
    {
        ContainerGroupEvent first = new() { Type = "Warning", Reason = "NoStock", Message = "out of stock", Count = 1, FirstTimestamp = Created, LastTimestamp = Created };
        ContainerGroupEvent again = first with { Count = 3, LastTimestamp = Finished };
        ContainerGroupEvent other = first with { Message = "out of stock in cn-beijing-f" };

        PodEvent a = EciEventTranslator.From([first], Now).Single();
        PodEvent b = EciEventTranslator.From([again], Now.AddMinutes(1)).Single();
        PodEvent c = EciEventTranslator.From([other], Now).Single();

        Assert.True(a.Key == b.Key && b.Count == 3 && b.LastTimestamp == Finished.UtcDateTime, $"Expected a re-polled NoStock to keep key {a.Key} with count 3, got {b.Key} ×{b.Count}.");
        Assert.True(a.Key != c.Key, $"Expected a different message to be a different event, both got key {a.Key}.");
        Assert.True(a.Key.Length == 16 && a.Key.All(char.IsAsciiHexDigitLower), $"Expected a 16-hex-digit key, got '{a.Key}'.");
    }

    [Fact]
    public void From_SameEventTwiceInOneAnswer_OneEventWithTheLaterSighting()
    {
        ContainerGroupEvent first = new() { Type = "Normal", Reason = "Pulling", Message = "Pulling image \"nginx\"", Count = 1, FirstTimestamp = Created, LastTimestamp = Created };
        IReadOnlyList<PodEvent> events = EciEventTranslator.From([first with { Count = 2, LastTimestamp = Started }, first], Now);

        Assert.True(events.Count == 1 && events[0].Count == 2, $"Expected one Pulling event with count 2, got {events.Count}: {string.Join("; ", events)}.");
    }

    [Fact]
    public void From_MalformedEntries_RepairedOrDropped()
    {
        EciEvent[] events =
        [
            new() { Type = null, Reason = "AutoInstanceTypeMatch", Message = "ecs.c6.large" },
            new() { Type = "warning", Reason = "NoStock", Message = null, Count = 0, LastTimestamp = Started },
            new() { Type = "Bogus", Reason = "", Message = "something happened", FirstTimestamp = Created },
            new() { Type = "Warning", Reason = " ", Message = "" },
            null!,
        ];
        IReadOnlyList<PodEvent> translated = EciEventTranslator.From(events, Now);

        Assert.True(translated.Count == 3, $"Expected the empty entry and the null dropped, got {translated.Count}: {string.Join("; ", translated)}.");
        PodEvent auto = translated.Single(e => e.Reason == "AutoInstanceTypeMatch");
        PodEvent stock = translated.Single(e => e.Reason == "NoStock");
        PodEvent unnamed = translated.Single(e => e.Reason == "EciEvent");
        Assert.True(auto.Type == "Normal" && auto.FirstTimestamp == Now && auto.LastTimestamp == Now && auto.Count == 1,
            $"Expected an untyped AutoInstanceTypeMatch as Normal at now ×1, got {auto}.");
        Assert.True(stock.Type == "Warning" && stock.Message == "NoStock" && stock.Count == 1 && stock.FirstTimestamp == Started.UtcDateTime,
            $"Expected 'warning' normalised, the reason as message, count 1 and the last time as first, got {stock}.");
        Assert.True(unnamed.Type == "Warning" && unnamed.Message == "something happened", $"Expected an unknown type to read Warning, got {unnamed}.");

        string key = auto.Key;
        Assert.True(EciEventTranslator.From([events[0]], Now.AddHours(1)).Single().Key == key, "Expected the key of an event without times not to change with the poll time.");
    }

    [Fact]
    public void ToKubernetes_Event_OnThePodWithDeterministicNameAndEciSource()
    {
        PodShape pod = Pod();
        PodEvent e = EciEventTranslator.From([new EciEvent { Type = "Warning", Reason = "SpotToBeReleased", Message = "Spot ECI will be released in 3 minutes", Count = 1, FirstTimestamp = Finished, LastTimestamp = Finished }], Now).Single();

        Corev1Event k = EciEventTranslator.ToKubernetes(e, pod, "virtual-kubelet-cn-beijing-e", "silo-0");

        Assert.True(k.Metadata.Name == $"web-7d4f.{e.Key}" && k.Metadata.NamespaceProperty == "shop", $"Expected event web-7d4f.{e.Key} in shop, got {k.Metadata.NamespaceProperty}/{k.Metadata.Name}.");
        Assert.True(k.InvolvedObject is { Kind: "Pod", Name: "web-7d4f", NamespaceProperty: "shop", ApiVersion: "v1" } && k.InvolvedObject.Uid == pod.Uid,
            $"Expected the event to involve pod shop/web-7d4f uid {pod.Uid}.");
        Assert.True(k is { Type: "Warning", Reason: "SpotToBeReleased", Message: "Spot ECI will be released in 3 minutes", Count: 1 }, "Expected ECI's type, reason, message and count.");
        Assert.True(k.Source is { Component: "EciService", Host: "virtual-kubelet-cn-beijing-e" } && k.ReportingComponent == "EciService" && k.ReportingInstance == "silo-0",
            $"Expected source EciService on the virtual node, reported by silo-0; got {k.Source?.Component}/{k.Source?.Host}/{k.ReportingInstance}.");
        Assert.True(k.FirstTimestamp == Finished.UtcDateTime && k.LastTimestamp == Finished.UtcDateTime, "Expected ECI's times.");
    }

    [Fact]
    public void ToKubernetes_LongPodName_NameCutToAValidLength()
    {
        PodShape pod = Pod() with { Name = new string('a', 250) };
        PodEvent e = EciEventTranslator.From([new EciEvent { Type = "Normal", Reason = "Pulling", Message = "Pulling image" }], Now).Single();

        string name = EciEventTranslator.ToKubernetes(e, pod, "vk", "silo-0").Metadata.Name;

        Assert.True(name.Length <= 253 && name.EndsWith("." + e.Key, StringComparison.Ordinal), $"Expected a name of at most 253 characters ending in the key, got {name.Length}: {name}.");
    }

    [Theory]
    [InlineData("create:NoStock:Create ECI failed")]
    [InlineData("lost:eci-2ze0fixture")]
    [InlineData("")]
    public void ToKubernetes_CallerKeyNotAValidName_HashedIntoAValidName(string key)
    {
        PodEvent e = new("Warning", "NoStock", "Create ECI failed", 1, Now, Now, key);

        string name = EciEventTranslator.ToKubernetes(e, Pod(), "vk", "silo-0").Metadata.Name;

        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(name, "^web-7d4f\\.[0-9a-f]{16}$"), $"Expected key '{key}' to give web-7d4f.<16 hex digits>, got '{name}'.");
        Assert.True(name == EciEventTranslator.ToKubernetes(e, Pod(), "vk", "silo-1").Metadata.Name, $"Expected the same name for key '{key}' every time.");
    }
}
