using System.Globalization;

namespace OrleansEci.Emulators.Eci.Hosting;

/// <summary>
/// The standalone command's arguments: <c>--port N</c> (0 = any free port), <c>--access-key ID:SECRET</c> (repeatable;
/// or <see cref="EciEmulatorOptions.AccessKeyEnvironmentVariable"/>), <c>--listen ADDRESS</c>, <c>--region ID</c>,
/// <c>--unlimited</c> (no flow control), <c>--scheduling S</c> and <c>--pending S</c> (seconds spent in Scheduling and
/// Pending, default 2 and 3), <c>--seed N</c>.
/// </summary>
internal static class CommandLine
{
    public const string Usage = "usage: dotnet run --project src/Emulators/Eci -- --port <n> --access-key <id>:<secret> [--listen 127.0.0.1] [--region cn-hangzhou] [--unlimited] [--scheduling <s>] [--pending <s>] [--seed <n>]";

    public static EciEmulatorOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        EciEmulatorOptions options = new();
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value. {Usage}");
            switch (args[i])
            {
                case "--port":
                    options.Port = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--access-key":
                    options.AccessKeys.Add(AccessKeyCredential.Parse(Value()));
                    break;
                case "--listen":
                    options.ListenAddress = Value();
                    break;
                case "--region":
                    options.Region.RegionId = Value();
                    break;
                case "--unlimited":
                    options.RateLimits.Unlimited = true;
                    break;
                case "--scheduling":
                    options.Lifecycle.Scheduling = Seconds(Value());
                    break;
                case "--pending":
                    options.Lifecycle.Pending = Seconds(Value());
                    break;
                case "--seed":
                    options.RandomSeed = int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new FormatException($"Unknown argument '{args[i]}'. {Usage}");
            }
        }

        if (options.AccessKeys.Count == 0 && environment(EciEmulatorOptions.AccessKeyEnvironmentVariable) is { Length: > 0 } fromEnv)
        {
            options.AccessKeys.Add(AccessKeyCredential.Parse(fromEnv));
        }

        return options;
    }

    private static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
}
