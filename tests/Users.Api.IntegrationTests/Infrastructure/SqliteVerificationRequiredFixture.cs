namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>A service with <c>Auth:RequireVerification</c> on, over SQLite.</summary>
public sealed class SqliteVerificationRequiredFixture : ApiFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Auth:RequireVerification"] = "true" };
}
