using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Pods;

/// <summary>
/// The defaults kube-apiserver fills in pod specs (pods and pod templates), from pkg/apis/core/v1/defaults.go
/// (https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/v1/defaults.go): SetDefaults_PodSpec,
/// SetDefaults_Container, SetDefaults_ContainerPort, SetDefaults_Probe, SetDefaults_HTTPGetAction, volume modes.
/// </summary>
public static class PodDefaults
{
    /// <summary>0644, the default mode of secret, configMap, downwardAPI and projected volumes.</summary>
    private const int DefaultVolumeMode = 420;

    public static void ApplyToPodSpec(JsonObject spec)
    {
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["securityContext"] ??= new JsonObject();
        spec["schedulerName"] ??= "default-scheduler";
        foreach (var list in new[] { "containers", "initContainers" })
        {
            if (spec[list] is JsonArray containers)
            {
                foreach (var container in containers.OfType<JsonObject>())
                {
                    ApplyToContainer(container);
                }
            }
        }

        if (spec["volumes"] is JsonArray volumes)
        {
            foreach (var volume in volumes.OfType<JsonObject>())
            {
                ApplyToVolume(volume);
            }
        }
    }

    public static void ApplyToContainer(JsonObject container)
    {
        container["terminationMessagePath"] ??= "/dev/termination-log";
        container["terminationMessagePolicy"] ??= "File";
        container["imagePullPolicy"] ??= PullPolicyFor(KubeJson.GetString(container, "image") ?? "");
        if (container["ports"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                port["protocol"] ??= "TCP";
            }
        }

        if (container["env"] is JsonArray env)
        {
            foreach (var fieldRef in env.OfType<JsonObject>().Select(e => (e["valueFrom"] as JsonObject)?["fieldRef"]).OfType<JsonObject>())
            {
                fieldRef["apiVersion"] ??= "v1";
            }
        }

        foreach (var probeName in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[probeName] is JsonObject probe)
            {
                probe["timeoutSeconds"] ??= 1;
                probe["periodSeconds"] ??= 10;
                probe["successThreshold"] ??= 1;
                probe["failureThreshold"] ??= 3;
                if (probe["httpGet"] is JsonObject httpGet)
                {
                    httpGet["path"] ??= "/";
                    httpGet["scheme"] ??= "HTTP";
                }
            }
        }
    }

    /// <summary>Always for <c>:latest</c> or an untagged image without digest, IfNotPresent otherwise.</summary>
    public static string PullPolicyFor(string image)
    {
        var digestAt = image.IndexOf('@', StringComparison.Ordinal);
        if (digestAt >= 0)
        {
            image = image[..digestAt];
            var colon = image.LastIndexOf(':');
            return colon > image.LastIndexOf('/') && image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
        }

        var tagAt = image.LastIndexOf(':');
        var tag = tagAt > image.LastIndexOf('/') ? image[(tagAt + 1)..] : "latest";
        return tag == "latest" ? "Always" : "IfNotPresent";
    }

    private static void ApplyToVolume(JsonObject volume)
    {
        foreach (var source in new[] { "secret", "configMap", "downwardAPI", "projected" })
        {
            if (volume[source] is JsonObject s)
            {
                s["defaultMode"] ??= DefaultVolumeMode;
            }
        }

        if (volume["hostPath"] is JsonObject hostPath)
        {
            hostPath["type"] ??= "";
        }
    }
}
