namespace OrleansEci.Eci.Tests.Support;

/// <summary>What the scripted server answers to one call.</summary>
public sealed record ScriptedAnswer(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false, bool CutShort = false)
{
    public static ScriptedAnswer Ok(string body) => new(200, body);

    public static ScriptedAnswer Error(int status, string code, string message = "scripted failure", IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, $$"""{"RequestId":"req-{{code}}","HostId":"eci.cn-hangzhou.aliyuncs.com","Code":"{{code}}","Message":"{{message}}","Recommend":"https://api.aliyun.com/troubleshoot?q={{code}}"}""", headers);

    /// <summary>Promises more bytes than it sends, so the connection breaks mid-body.</summary>
    public static ScriptedAnswer CutShortAnswer { get; } = new(200, """{"RequestId":""", CutShort: true);

    /// <summary>Never answers; the call ends only when the client gives up on it.</summary>
    public static ScriptedAnswer NoAnswer { get; } = new(0, "", Hang: true);
}
