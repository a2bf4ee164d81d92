using OrleansEci.Eci.Configuration;

namespace OrleansEci.Eci.Tests.Contract;

/// <summary>
/// The contract suite against Alibaba Cloud ECI, configured by environment variables: ECI_ACCESS_KEY,
/// ECI_SECRET_KEY and ECI_REGION (required; without them the real-ECI cases are skipped, saying so), and
/// optionally ECI_ENDPOINT, ECI_SECURITY_TOKEN, ECI_VSWITCH (comma-separated), ECI_SECURITY_GROUP and
/// ECI_CONTRACT_IMAGE. Waiting polls every few seconds of real time. Groups are small (0.25 vCPU, 0.5 GiB),
/// fail on their own after an hour (ActiveDeadlineSeconds) and are deleted when the test ends.
/// </summary>
internal sealed class RealEciTarget : ContractTarget
{
    public const string TargetName = "eci";
    public const string VSwitchVariable = "ECI_VSWITCH";
    public const string SecurityGroupVariable = "ECI_SECURITY_GROUP";
    public const string ImageVariable = "ECI_CONTRACT_IMAGE";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private readonly HttpClient _http;

    private RealEciTarget(EciClientOptions options)
    {
        _http = new HttpClient();
        Client = new EciClient(_http, options);
        RegionId = options.RegionId;
        VSwitchIds = Variable(VSwitchVariable)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        SecurityGroupId = Variable(SecurityGroupVariable);
        Image = Variable(ImageVariable) ?? DefaultImage(RegionId);
    }

    public override string Name => TargetName;

    public override IEciClient Client { get; }

    public override string RegionId { get; }

    public override IReadOnlyList<string> VSwitchIds { get; }

    public override string? SecurityGroupId { get; }

    public override string Image { get; }

    /// <summary>
    /// busybox from Alibaba's public <c>eci_open</c> namespace over the region's VPC registry endpoint, which needs
    /// no EIP or NAT (https://alibabacloud.com/help/en/eci/user-guide/configure-a-container-image uses
    /// <c>registry-vpc.cn-hangzhou.aliyuncs.com/eci_open/nginx:latest</c>).
    /// </summary>
    public static string DefaultImage(string regionId) => $"registry-vpc.{regionId}.aliyuncs.com/eci_open/busybox:1.30";

    /// <summary>The real target, or a skipped test that names the missing variables.</summary>
    public static RealEciTarget FromEnvironment()
    {
        string[] missing = [.. new[] { EciClientOptions.AccessKeyEnvironmentVariable, EciClientOptions.SecretKeyEnvironmentVariable, EciClientOptions.RegionEnvironmentVariable }
            .Where(name => Variable(name) is null)];
        Assert.SkipWhen(missing.Length > 0,
            $"Real ECI is not configured ({string.Join(", ", missing)} not set): the contract runs against Alibaba Cloud only with "
            + $"ECI_ACCESS_KEY, ECI_SECRET_KEY and ECI_REGION set (optionally {VSwitchVariable}, {SecurityGroupVariable}, ECI_ENDPOINT, {ImageVariable}).");
        return new RealEciTarget(new EciClientOptions().ApplyEnvironment(Environment.GetEnvironmentVariable));
    }

    public override async Task<T> EventuallyAsync<T>(string what, Func<CancellationToken, Task<T>> read, Func<T, bool> done, CancellationToken cancellationToken)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            T value = await read(cancellationToken);
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Expected {what} within {Patience} on real ECI; the last reading was {value}");

            // A real cloud service changes on its own time; polling it is the only way to observe that.
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public override Task LetTimePassAsync(TimeSpan duration, CancellationToken cancellationToken) => Task.Delay(duration, cancellationToken);

    protected override ValueTask DisposeCoreAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
