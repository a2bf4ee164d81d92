using System.Globalization;

using OrleansEci.KubeletApi.Errors;

namespace OrleansEci.KubeletApi.Exec;

/// <summary>
/// What ExecContainerCommand accepts as <c>Command</c> (eci-openapi.md §3.7): a JSON array of at most 20 elements, each
/// at most 256 characters. A command outside that is refused here with a 400 that says which limit, instead of ECI's
/// InvalidParameter after the session was half set up. The command is otherwise passed intact: no joining, quoting or
/// splitting of arguments.
/// </summary>
internal static class ExecCommandLimits
{
    public const int MaxArguments = 20;
    public const int MaxArgumentLength = 256;

    /// <summary>Null when ECI can run <paramref name="command"/>, else the problem to answer.</summary>
    public static KubeletProblem? Check(IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0)
        {
            return KubeletProblem.BadRequest("exec needs a command: pass it after -- (kubectl exec POD -- COMMAND [ARGS...])");
        }

        if (command.Count > MaxArguments)
        {
            return KubeletProblem.BadRequest(string.Create(CultureInfo.InvariantCulture,
                $"the command has {command.Count} arguments, but ECI's ExecContainerCommand accepts at most {MaxArguments}; wrap it in a script (sh -c '...')"));
        }

        for (var i = 0; i < command.Count; i++)
        {
            if (command[i].Length > MaxArgumentLength)
            {
                return KubeletProblem.BadRequest(string.Create(CultureInfo.InvariantCulture,
                    $"argument {i} of the command is {command[i].Length} characters long, but ECI's ExecContainerCommand accepts at most {MaxArgumentLength} per argument"));
            }
        }

        return null;
    }
}
