using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers.Jobs;

/// <summary>Job condition types and reasons (k8s.io/api/batch/v1 types.go) and the condition shape the Job controller writes.</summary>
internal static class JobConditions
{
    public const string Complete = "Complete";
    public const string Failed = "Failed";
    public const string Suspended = "Suspended";
    public const string FailureTarget = "FailureTarget";
    public const string SuccessCriteriaMet = "SuccessCriteriaMet";
    public const string BackoffLimitExceeded = "BackoffLimitExceeded";
    public const string DeadlineExceeded = "DeadlineExceeded";
    public const string CompletionsReached = "CompletionsReached";

    public static JsonObject New(string type, string status, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastProbeTime"] = now,
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };

    /// <summary>IsJobFinished: a Complete or Failed condition that is True.</summary>
    public static bool IsFinished(JsonObject? status) =>
        Conditions.StatusOf(status, Complete) == "True" || Conditions.StatusOf(status, Failed) == "True";

    public static string? Type(JsonObject? condition) => KubeJson.GetString(condition, "type");

    /// <summary>ensureJobConditionStatus: set a condition to a status, keeping it untouched when it already has that status.</summary>
    public static bool Ensure(JsonObject status, string type, string value, string reason, string message, string now)
    {
        var current = Conditions.Find(status, type);
        if (current is null)
        {
            if (value == "False")
            {
                return false;
            }

            Conditions.Put(status, New(type, value, reason, message, now));
            return true;
        }

        if (KubeJson.GetString(current, "status") == value)
        {
            return false;
        }

        Conditions.Put(status, New(type, value, reason, message, now));
        return true;
    }
}
