using k8s;
using k8s.Models;
using OrleansEci.Profiles;
using OrleansEci.KubeletApi.Tests.Support;

namespace OrleansEci.KubeletApi.Tests.Profiles;

public sealed class EciProfileParserTests
{
    private static ProfileParseResult Parse(params (string Key, string Value)[] data) =>
        EciProfileParser.Parse(data.ToDictionary(d => d.Key, d => d.Value));

    private static ProfileProblem SingleError(ProfileParseResult result, string key)
    {
        Assert.False(result.IsValid, $"Expected the profile to be refused for {key}, but it was accepted.");
        ProfileProblem problem = Assert.Single(result.Errors);
        Assert.Equal(key, problem.Key);
        return problem;
    }

    [Fact]
    public void Parse_EveryKeyValid_ReadsEveryKey()
    {
        ProfileParseResult result = Parse(
            ("vpcId", "vpc-2zeghwzptn5zii0w7"),
            ("securityGroupId", "sg-2zeeyaaxlkq9sppl"),
            ("vSwitchIds", "vsw-2ze23nqzig8inprou, vsw-2ze94pjtfuj9vaymf"),
            ("enableClusterIp", "true"),
            ("enableHybridMode", "False"),
            ("enablePrivateZone", "false"),
            ("resourceGroupId", "rg-acfmzw2jz2z"),
            ("selectors", """[{"name":"gpu","objectSelector":{"matchLabels":{"app":"gpu"}}}]"""));

        EciProfile profile = Assert.IsType<EciProfile>(result.Profile, exactMatch: true);
        Assert.Equal("vpc-2zeghwzptn5zii0w7", profile.VpcId);
        Assert.Equal("sg-2zeeyaaxlkq9sppl", profile.SecurityGroupId);
        Assert.Equal(["vsw-2ze23nqzig8inprou", "vsw-2ze94pjtfuj9vaymf"], profile.VSwitchIds);
        Assert.True(profile.EnableClusterIp);
        Assert.False(profile.EnableHybridMode);
        Assert.False(profile.EnablePrivateZone);
        Assert.Equal("rg-acfmzw2jz2z", profile.ResourceGroupId);
        Assert.Equal("gpu", Assert.Single(profile.Selectors).Name);
        Assert.False(profile.SelectorsAreDefault);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Parse_NoData_IsTheDefaultProfile()
    {
        ProfileParseResult result = EciProfileParser.Parse((IReadOnlyDictionary<string, string>?)null);

        Assert.Equal(EciProfile.Default.Selectors, result.Profile!.Selectors);
        Assert.True(result.Profile.SelectorsAreDefault);
        Assert.Null(result.Profile.VpcId);
        Assert.Empty(result.Profile.VSwitchIds);
        Assert.Null(result.Profile.EnableClusterIp);
    }

    [Fact]
    public void Parse_AlibabasDefaultProfileWithEmptySelectors_UsesDefaultSelectors()
    {
        // The default eci-profile as Alibaba's page shows it: selectors: "" and keys for features not implemented here.
        ProfileParseResult result = Parse(
            ("enableClusterIp", "true"), ("enableHybridMode", "false"), ("enableLinuxArm64Node", "false"), ("enableLogController", "false"),
            ("enablePVCController", "false"), ("enablePrivateZone", "false"), ("enableReuseSSLKey", "false"),
            ("featureGates", "WaitForFirstConsumer=false"), ("securityGroupId", "sg-2zeeyaaxlkq9sppl"), ("selectors", ""),
            ("slsMachineGroup", "k8s-group-c123"), ("vSwitchIds", "vsw-2ze23nqzig8inprou"), ("vpcId", "vpc-2zeghwzptn5zii0w7"));

        Assert.True(result.IsValid, $"Expected Alibaba's default profile to be valid; errors: {result.Describe()}");
        Assert.True(result.Profile!.SelectorsAreDefault);
        Assert.Equal(5, result.Profile.Selectors.Count);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Parse_DefaultSelectors_AreTheFiveDocumentedOnes()
    {
        IReadOnlyList<ProfileSelector> selectors = EciProfileParser.Parse(new Dictionary<string, string>()).Profile!.Selectors;

        Assert.Equal("true", selectors[0].ObjectLabels!["alibabacloud.com/eci"]);
        Assert.Equal("true", selectors[1].ObjectLabels!["eci"]);
        Assert.Equal("true", selectors[2].NamespaceLabels!["alibabacloud.com/eci"]);
        Assert.Equal("true", selectors[3].NamespaceLabels!["eci"]);
        Assert.Equal("enabled", selectors[4].NamespaceLabels!["virtual-node-affinity-injection"]);
        Assert.Equal("true", selectors[4].Effect.Annotations["k8s.aliyun.com/eci-image-cache"]);
        Assert.Equal("true", selectors[4].Effect.Labels["created-by-eci"]);
        Assert.All(selectors.Take(4), s => Assert.True(s.Effect.IsEmpty, $"Expected default selector {s.Name} to have no effect."));
    }

    [Fact]
    public void Parse_WhitespaceOnlyValues_AreNotSet()
    {
        ProfileParseResult result = Parse(("vpcId", "  "), ("vSwitchIds", ""), ("enableClusterIp", " "), ("selectors", "\n"));

        Assert.Null(result.Profile!.VpcId);
        Assert.Empty(result.Profile.VSwitchIds);
        Assert.Null(result.Profile.EnableClusterIp);
        Assert.True(result.Profile.SelectorsAreDefault);
    }

    [Theory]
    [InlineData("vpcId", "vsw-2ze23nqzig8inprou", "\"vpc-\"")]
    [InlineData("vpcId", "vpc-", "\"vpc-\"")]
    [InlineData("vpcId", "vpc-ABC", "lower-case")]
    [InlineData("securityGroupId", "sg-a,sg-b", "\"sg-\"")]
    [InlineData("securityGroupId", "2zeeyaaxlkq9sppl", "\"sg-\"")]
    [InlineData("resourceGroupId", "default", "\"rg-\"")]
    [InlineData("enableClusterIp", "yes", "\"true\" or \"false\"")]
    [InlineData("enableHybridMode", "1", "\"true\" or \"false\"")]
    [InlineData("enablePrivateZone", "enabled", "\"true\" or \"false\"")]
    [InlineData("vSwitchIds", "vsw-a,,vsw-b", "entry 2")]
    [InlineData("vSwitchIds", "vsw-a,vpc-b", "entry 2")]
    [InlineData("vSwitchIds", "vsw-a;vsw-b", "entry 1")]
    [InlineData("vSwitchIds", "vsw-a,vsw-a", "listed twice")]
    public void Parse_MalformedKey_RefusedWithThatKeyNamed(string key, string value, string expectedInMessage)
    {
        ProfileProblem problem = SingleError(Parse((key, value)), key);

        Assert.Contains(expectedInMessage, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralKeysMalformed_ReportsEachOne()
    {
        ProfileParseResult result = Parse(("vpcId", "x"), ("enableClusterIp", "maybe"), ("selectors", "{"));

        Assert.Null(result.Profile);
        Assert.Equal(["vpcId", "enableClusterIp", "selectors"], result.Errors.Select(e => e.Key));
        Assert.Contains("vpcId: ", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKey_IsAWarningNotAnError()
    {
        ProfileParseResult result = Parse(("vpcID", "vpc-abc"), ("vpcId", "vpc-abc"));

        Assert.True(result.IsValid, $"Expected an unknown key to be tolerated; errors: {result.Describe()}");
        ProfileProblem warning = Assert.Single(result.Warnings);
        Assert.Equal("vpcID", warning.Key);
        Assert.Contains("case-sensitive", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SharedConfigMapFixture_IsTheDefaultProfileWithItsKeyWarned()
    {
        V1ConfigMap configMap = KubernetesJson.Deserialize<V1ConfigMap>(SharedFolder.Fixture("core.v1.ConfigMap.json"));

        ProfileParseResult result = EciProfileParser.Parse(configMap);

        Assert.True(result.IsValid, $"Expected the fixture's ConfigMap (data {{dataKey: dataValue}}) to be a valid profile; errors: {result.Describe()}");
        Assert.True(result.Profile!.SelectorsAreDefault);
        Assert.Equal("dataKey", Assert.Single(result.Warnings).Key);
    }
}
