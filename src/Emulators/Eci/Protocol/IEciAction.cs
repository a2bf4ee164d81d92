using OrleansEci.Emulators.Eci.Hosting;

namespace OrleansEci.Emulators.Eci.Protocol;

/// <summary>One ECI OpenAPI action. Returns the response object (serialized as the JSON body) or throws
/// <see cref="EciApiException"/>.</summary>
internal interface IEciAction
{
    string Name { get; }

    object Execute(ActionCall call);
}

/// <summary>The inputs of one action call.</summary>
/// <param name="Parameters">Merged request parameters.</param>
/// <param name="RequestId">The id echoed as <c>RequestId</c>.</param>
/// <param name="State">Emulator state.</param>
/// <param name="FailScheduling">A <c>schedule-failure</c> fault fired for this call.</param>
internal sealed record ActionCall(RpcParameters Parameters, string RequestId, EmulatorState State, bool FailScheduling = false)
{
    public DateTimeOffset Now { get; } = State.Now;
}
