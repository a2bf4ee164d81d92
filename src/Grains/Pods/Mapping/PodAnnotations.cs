namespace OrleansEci.Grains.Pods.Mapping;

/// <summary>
/// The pod annotations the mapping reads (eci-on-kubernetes.md §5; newer names from eci-annotations-current.md §1–2).
/// Where ECI renamed one, both names are accepted; the newer one wins when both are given.
/// </summary>
public static class PodAnnotations
{
    private const string P = "k8s.aliyun.com/";

    // Network placement.
    public const string SecurityGroup = P + "eci-security-group";
    public const string VSwitch = P + "eci-vswitch";
    public const string ScheduleStrategy = P + "eci-schedule-strategy";
    public const string ResourceGroupId = P + "eci-resource-group-id";
    public const string PrivateIpAddress = P + "eci-private-ip-address";
    public const string FixedIp = P + "eci-fixed-ip";
    public const string FixedIpRetainHour = P + "eci-fixed-ip-retain-hour";

    // Compute.
    public const string UseSpecs = P + "eci-use-specs";
    public const string ComputeCategory = P + "eci-compute-category";
    public const string InstanceFamily = P + "eci-instance-family";
    public const string InstanceGeneration = P + "eci-instance-generation";
    public const string CpuOptionCore = P + "eci-cpu-option-core";
    public const string CpuOptionHt = P + "eci-cpu-option-ht";
    public const string GpuDriverVersion = P + "eci-gpu-driver-version";
    public const string ExtraEphemeralStorage = P + "eci-extra-ephemeral-storage";
    public const string MaxPendingMinute = P + "eci-max-pending-minute";
    public const string PrivatePoolMatchCriteria = P + "eci-privatepool-matchcriteria";
    public const string PrivatePoolId = P + "eci-privatepool-id";

    // Spot.
    public const string SpotStrategy = P + "eci-spot-strategy";
    public const string SpotPriceLimit = P + "eci-spot-price-limit";
    public const string SpotDuration = P + "eci-spot-duration";
    public const string SpotFallback = P + "eci-spot-fallback";
    public const string SpotReleaseStrategy = P + "eci-spot-release-strategy";

    // Creation failures (read by the pod grain through PodCreationPolicy).
    public const string FailStrategy = P + "eci-fail-strategy";
    public const string RescheduleEnable = P + "eci-reschedule-enable";
    public const string PodFailOnCreateErr = P + "pod-fail-on-create-err";

    // Identity, images and registries.
    public const string RamRoleName = P + "eci-ram-role-name";
    public const string ImageSnapshotId = P + "eci-image-snapshot-id";
    public const string ImcId = P + "eci-imc-id";
    public const string ImageCache = P + "eci-image-cache";
    public const string AutoImc = P + "eci-auto-imc";
    public const string ImcPerfectMatch = P + "imc-perfect-match";
    public const string ImcMatchCountRequest = P + "imc-match-count-request";
    public const string AcrInstanceId = P + "acr-instance-id";
    public const string AcrInstanceIds = P + "acr-instance-ids";
    public const string AcrServiceArns = P + "acr-service-arns";
    public const string AcrUserArns = P + "acr-user-arns";
    public const string InsecureRegistry = P + "insecure-registry";
    public const string PlainHttpRegistry = P + "plain-http-registry";

    // Public network.
    public const string EipInstanceId = P + "eci-eip-instanceid";
    public const string WithEip = P + "eci-with-eip";
    public const string EipBandwidth = P + "eip-bandwidth";
    public const string EipCommonBandwidthPackageId = P + "eip-common-bandwidth-package-id";
    public const string EipIsp = P + "eip-isp";
    public const string EipInternetChargeType = P + "eip-internet-charge-type";
    public const string EipPublicIpAddressPoolId = P + "eip-public-ip-address-pool-id";
    public const string EnableIpv6 = P + "eci-enable-ipv6";
    public const string Ipv6Count = P + "eci-ipv6-count";
    public const string Ipv6BandwidthEnable = P + "eci-ipv6-bandwidth-enable";
    public const string Ipv6Bandwidth = P + "eci-ipv6-bandwidth";
    public const string IngressBandwidth = "kubernetes.io/ingress-bandwidth";
    public const string EgressBandwidth = "kubernetes.io/egress-bandwidth";

    // Operating system, DNS, hosts, tags, data cache.
    public const string CorePattern = P + "eci-core-pattern";
    public const string NtpServer = P + "eci-ntp-server";
    public const string CustomDnsConfig = P + "eci-custom-dnsconfig";
    public const string CustomHosts = P + "eci-custom-hosts";
    public const string HostSysctls = P + "eci-host-sysctls";
    public const string CustomTags = P + "eci-custom-tags";
    public const string DataCacheBucket = P + "eci-data-cache-bucket";
    public const string DataCachePl = P + "eci-data-cache-pl";
    public const string DataCacheProvisionedIops = P + "eci-data-cache-provisionedIops";
    public const string DataCacheBurstingEnabled = P + "eci-data-cache-burstingEnabled";

    // Read and validated, but CreateContainerGroup has no parameter for them: reported as not applied.
    public const string EphemeralStorageOptions = P + "eci-ephemeral-storage-options";
    public const string EvictionEnable = P + "eci-eviction-enable";
    public const string SlsEnable = P + "eci-sls-enable";
    public const string WaitClusterIpReady = P + "eci-wait-clusterip-ready";
    public const string KubeProxyEnabled = P + "eci-kube-proxy-enabled";
}
