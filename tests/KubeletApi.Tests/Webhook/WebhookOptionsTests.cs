using OrleansEci.KubeletApi.Webhook;

namespace OrleansEci.KubeletApi.Tests.Webhook;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void Problems_Defaults_None()
    {
        Assert.Empty(new WebhookOptions().Problems());
        Assert.False(new WebhookOptions().Enabled, "Expected the webhook off unless WEBHOOK=true, as in Alibaba's vk.yaml");
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    public void ApplyEnvironment_Switch_Read(string value, bool expected)
    {
        var options = new WebhookOptions().ApplyEnvironment(n => n == WebhookOptions.EnabledVariable ? value : null);

        Assert.Equal(expected, options.Enabled);
        Assert.Empty(options.Problems());
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("on")]
    public void ApplyEnvironment_NotASwitch_ProblemNamesTheVariable(string value)
    {
        var options = new WebhookOptions().ApplyEnvironment(n => n == WebhookOptions.EnabledVariable ? value : null);

        string problem = Assert.Single(options.Problems());
        Assert.Contains($"WEBHOOK='{value}'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_BadValues_EachSaysWhatToSet()
    {
        var options = new WebhookOptions { Port = 70000, ListenAddress = "everywhere", ServingCertificatePath = "/tls.crt", ResyncInterval = TimeSpan.Zero };
        options.Configuration.FailurePolicy = "Retry";
        options.Configuration.TimeoutSeconds = 31;

        IReadOnlyList<string> problems = options.Problems();

        Assert.Contains(problems, p => p.Contains("Webhook:Port 70000", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"everywhere\" is not an IP address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ServingKeyPath go together", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ResyncInterval", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("FailurePolicy is \"Retry\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("TimeoutSeconds is 31", StringComparison.Ordinal));
    }

    [Fact]
    public void ServiceDnsNames_DeployService_AllForms()
    {
        var options = new WebhookOptions();
        options.Configuration.ServiceName = "orleans-eci-webhook";
        options.Configuration.ServiceNamespace = "orleans-eci";

        Assert.Equal(["orleans-eci-webhook", "orleans-eci-webhook.orleans-eci", "orleans-eci-webhook.orleans-eci.svc", "orleans-eci-webhook.orleans-eci.svc.cluster.local"],
            options.ServiceDnsNames());
    }
}
