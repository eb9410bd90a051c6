namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>A service with <c>Auth:RequireVerification</c> on, over PostgreSQL.</summary>
public sealed class PostgresVerificationRequiredFixture : ApiFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Auth:RequireVerification"] = "true" };
}
