using Microsoft.Extensions.Options;

namespace OrleansEci.KubeletApi.Hosting;

/// <summary>Fails start-up with every problem of <see cref="KubeletApiOptions"/> and how to fix it.</summary>
internal sealed class KubeletApiOptionsValidator : IValidateOptions<KubeletApiOptions>
{
    public ValidateOptionsResult Validate(string? name, KubeletApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
