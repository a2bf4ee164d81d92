namespace OrleansEci.Eci.Exec;

/// <summary>One piece of output from an exec session: which stream (<see cref="EciExecChannel.Stdout"/> or
/// <see cref="EciExecChannel.Stderr"/>) and its bytes.</summary>
public readonly record struct EciExecOutput(EciExecChannel Channel, ReadOnlyMemory<byte> Data);
