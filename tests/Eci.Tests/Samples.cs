namespace OrleansEci.Eci.Tests;

/// <summary>ECI answers shaped as eci-openapi.md §3 documents them.</summary>
internal static class Samples
{
    public const string DescribeContainerGroups = """
        {"RequestId":"R","NextToken":"","TotalCount":1,"ContainerGroups":[{
          "ContainerGroupId":"eci-1","ContainerGroupName":"web-0","RegionId":"cn-hangzhou","ZoneId":"cn-hangzhou-h",
          "VpcId":"vpc-1","VSwitchId":"vsw-a","SecurityGroupId":"sg-1","Status":"Running",
          "CreationTime":"2025-06-01T12:00:00Z","SucceededTime":"","Cpu":2.0,"Memory":4.0,"IntranetIp":"192.168.0.9",
          "SpotStrategy":"SpotAsPriceGo","RestartPolicy":"Always",
          "Tags":[{"Key":"NodeName","Value":"vk-1"}],
          "HostAliases":[{"Ip":"1.2.3.4","Hostnames":["a.local"]}],
          "DnsConfig":{"NameServers":["10.0.0.10"],"Searches":["svc"],"Options":[{"Name":"ndots","Value":"2"}]},
          "EciSecurityContext":{"Sysctls":[{"Name":"net.ipv4.ping_group_range","Value":"1 2"}]},
          "Events":[{"Count":1,"Type":"Warning","Name":"eci-1","Reason":"SpotToBeReleased","Message":"Spot ECI will be released in 3 minutes","FirstTimestamp":"2025-06-01T13:00:00Z","LastTimestamp":"2025-06-01T13:00:00Z"}],
          "Containers":[{"Name":"app","Image":"nginx","Commands":["/bin/sh","-c"],"Args":["sleep 1"],"Ready":true,"RestartCount":2,
            "CurrentState":{"State":"Running","StartTime":"2025-06-01T12:01:00Z"},
            "PreviousState":{"State":"Terminated","Reason":"Error","ExitCode":137,"StartTime":"2025-06-01T12:00:30Z","FinishTime":"2025-06-01T12:00:59Z"},
            "EnvironmentVars":[{"Key":"A","Value":"1"},{"Key":"POD_IP","ValueFrom":{"FieldRef":{"FieldPath":"status.podIP"}}}],
            "Ports":[{"Port":80,"Protocol":"TCP"}],
            "VolumeMounts":[{"Name":"nfs","MountPath":"/data","ReadOnly":false}],
            "LivenessProbe":{"HttpGet":{"Path":"/healthz","Port":8080,"Scheme":"HTTP"},"PeriodSeconds":10,"Execs":[]},
            "ReadinessProbe":{"TcpSocket":{"Host":"","Port":8080}},
            "SecurityContext":{"Capability":{"Adds":["NET_ADMIN"]},"ReadOnlyRootFilesystem":false,"RunAsUser":0}}],
          "InitContainers":[{"Name":"init","Image":"busybox","Command":["init"],"CurrentState":{"State":"Terminated","ExitCode":0}}],
          "Volumes":[{"Name":"nfs","Type":"NFSVolume","NFSVolumeServer":"nfs.local","NFSVolumePath":"/share","NFSVolumeReadOnly":false},
                     {"Name":"cfg","Type":"ConfigFileVolume","ConfigFileVolumeConfigFileToPaths":[{"Path":"a.conf","Content":"aGk="}]}]
        }]}
        """;

    public const string DescribeContainerGroupStatus = """
        {"RequestId":"R","NextToken":"","TotalCount":1,"Data":[{
          "ContainerGroupId":"eci-1","Name":"web-0","Namespace":"default","uuid":"uid-1","Status":"Running","Annotations":"{}",
          "PodStatus":{"Phase":"Running","PodIp":"192.168.0.9","PodIps":[{"Ip":"192.168.0.9"}],"QosClass":"Guaranteed",
            "StartTime":"2025-06-01T12:00:10Z",
            "Conditions":[{"type":"ContainerInstanceCreated","status":"True","lastTransitionTime":"2025-06-01T12:00:05Z","Reason":"Created","Message":""}],
            "ContainerStatuses":[{"Name":"app","Image":"nginx","ImageID":"sha256:1","Ready":true,"Started":true,"RestartCount":1,
              "State":{"Running":{"StartedAtstartedAt":"2025-06-01T12:01:00Z"}},
              "LastState":{"Terminated":{"ContainerID":"docker://abc","ExitCode":1,"Reason":"Error","StartedAt":"2025-06-01T12:00:30Z","FinishedAt":"2025-06-01T12:00:59Z"}}}]}
        }]}
        """;
}
