namespace OrleansEci.Silo.Tests.Sandbox.Support;

/// <summary>The test classes that share one <see cref="SandboxFixture"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SharedSandbox : ICollectionFixture<SandboxFixture>
{
    public const string Name = "sandbox";
}
