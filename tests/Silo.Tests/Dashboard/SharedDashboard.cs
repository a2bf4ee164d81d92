namespace OrleansEci.Silo.Tests.Dashboard;

/// <summary>The dashboard's test classes share one silo (they run one after another, apart from other collections).</summary>
[CollectionDefinition(Name)]
public sealed class SharedDashboard : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
