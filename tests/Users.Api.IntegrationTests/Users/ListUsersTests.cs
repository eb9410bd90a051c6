using System.Net;
using System.Text.Json;
using Users.Api.IntegrationTests.Infrastructure;

namespace Users.Api.IntegrationTests.Users;

public abstract class ListUsersTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [SkippableFact]
    public async Task List_PagesThroughEveryMatchingUserOnceInIdOrder()
    {
        var prefix = $"page-{Guid.NewGuid():N}";
        var created = await CreateManyAsync(prefix, 7);
        var (_, admin) = await CreateUserAsync(superuser: true);

        var seen = await ReadAllAsync(admin, $"/users?limit=3&email={prefix}");

        Assert.Equal(created.Order().ToArray(), seen.Order().ToArray());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [SkippableFact]
    public async Task List_IsStableUnderInsertsBetweenPages()
    {
        var prefix = $"stable-{Guid.NewGuid():N}";
        var created = await CreateManyAsync(prefix, 6);
        var (_, admin) = await CreateUserAsync(superuser: true);
        var first = await (await admin.GetAsync($"/users?limit=3&email={prefix}")).JsonAsync();
        var seen = Ids(first).ToList();

        var inserted = await CreateManyAsync(prefix, 4);
        seen.AddRange(await ReadAllAsync(admin, $"/users?limit=3&email={prefix}&cursor={first.GetProperty("next_cursor").GetString()}"));

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(created, id => Assert.Contains(id, seen));
        Assert.All(seen, id => Assert.Contains(id, created.Concat(inserted)));
    }

    [SkippableFact]
    public async Task List_LastPageHasNullNextCursor()
    {
        var prefix = $"last-{Guid.NewGuid():N}";
        await CreateManyAsync(prefix, 2);
        var (_, admin) = await CreateUserAsync(superuser: true);

        var body = await (await admin.GetAsync($"/users?limit=5&email={prefix}")).JsonAsync();

        Assert.Equal(2, body.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("next_cursor").ValueKind);
    }

    [SkippableFact]
    public async Task List_FiltersByEmailPrefixIgnoringCaseAndByActive()
    {
        var prefix = $"filter-{Guid.NewGuid():N}";
        var active = await CreateManyAsync(prefix, 2);
        var (inactive, _) = await CreateUserAsync(active: false, email: $"{prefix}-off@example.com");
        var (_, admin) = await CreateUserAsync(superuser: true);

        var all = await ReadAllAsync(admin, $"/users?email={prefix.ToUpperInvariant()}");
        var onlyInactive = await ReadAllAsync(admin, $"/users?email={prefix}&is_active=false");
        var onlyActive = await ReadAllAsync(admin, $"/users?email={prefix}&is_active=true");

        Assert.Equal(3, all.Count);
        Assert.Equal([inactive.Id], onlyInactive);
        Assert.Equal(active.Order(), onlyActive.Order());
    }

    [SkippableFact]
    public async Task List_TreatsUnderscoreAndPercentInThePrefixLiterally()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var (literal, _) = await CreateUserAsync(email: $"{tag}_a%b@example.com");
        await CreateUserAsync(email: $"{tag}xaxb@example.com");
        var (_, admin) = await CreateUserAsync(superuser: true);

        var found = await ReadAllAsync(admin, $"/users?email={Uri.EscapeDataString($"{tag}_a%b")}");

        Assert.Equal([literal.Id], found);
    }

    [SkippableTheory]
    [InlineData("limit=0", "limit", "value_error")]
    [InlineData("limit=101", "limit", "value_error")]
    [InlineData("limit=ten", "limit", "int_parsing")]
    [InlineData("cursor=not-a-cursor", "cursor", "value_error")]
    [InlineData("is_active=perhaps", "is_active", "bool_parsing")]
    public async Task List_WithBadQuery_Returns422(string query, string parameter, string type)
    {
        var (_, admin) = await CreateUserAsync(superuser: true);

        var response = await admin.GetAsync($"/users?{query}");

        await response.AssertValidationAsync(type, "query", parameter);
    }

    [SkippableFact]
    public async Task List_AsNonSuperuser_Returns403()
    {
        var (_, client) = await CreateUserAsync();

        await (await client.GetAsync("/users")).AssertProblemAsync(HttpStatusCode.Forbidden, "Forbidden");
    }

    [SkippableFact]
    public async Task List_WithoutToken_Returns401()
    {
        await (await Anonymous().GetAsync("/users")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    private async Task<List<Guid>> CreateManyAsync(string prefix, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var response = await RegisterAsync($"{prefix}-{Guid.NewGuid():N}@example.com");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add(Guid.Parse((await response.JsonAsync()).GetProperty("id").GetString()!));
        }

        return ids;
    }

    private static async Task<List<Guid>> ReadAllAsync(HttpClient admin, string firstPage)
    {
        var ids = new List<Guid>();
        var url = firstPage;
        for (var pages = 0; pages < 50; pages++)
        {
            var response = await admin.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.JsonAsync();
            ids.AddRange(Ids(body));
            var next = body.GetProperty("next_cursor");
            if (next.ValueKind == JsonValueKind.Null)
            {
                return ids;
            }

            var baseUrl = firstPage.Split("&cursor=")[0];
            url = $"{baseUrl}{(baseUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}cursor={next.GetString()}";
        }

        throw new InvalidOperationException("More than 50 pages: the cursor does not advance.");
    }

    private static IEnumerable<Guid> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(u => Guid.Parse(u.GetProperty("id").GetString()!));
}

public sealed class ListUsersSqliteTests(SqliteApiFixture fixture) : ListUsersTests(fixture), IClassFixture<SqliteApiFixture>;

public sealed class ListUsersPostgresTests(PostgresApiFixture fixture) : ListUsersTests(fixture), IClassFixture<PostgresApiFixture>;
