using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Users.Infrastructure.Persistence;

namespace Users.Api.IntegrationTests.Infrastructure;

/// <summary>Waits on the outbox table of a test service: mail is delivered in the background, so tests poll its rows.</summary>
internal static class OutboxRows
{
    /// <summary>
    /// Reads the rows addressed to <paramref name="recipients"/> until <paramref name="reached"/> holds for them, and
    /// answers them; fails the test, naming the rows' states, once <paramref name="limit"/> has passed.
    /// </summary>
    public static async Task<List<OutboxEmailRecord>> WaitForOutboxRowsAsync(
        this UsersApiFactory factory, IReadOnlyCollection<string> recipients, Func<List<OutboxEmailRecord>, bool> reached, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<UsersDbContext>().OutboxEmails.AsNoTracking()
                .Where(r => recipients.Contains(r.Recipient)).ToListAsync();
            if (reached(rows))
            {
                return rows;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The outbox rows never reached the expected state; now: {string.Join(", ", rows.Select(r => $"{r.State}/{r.Attempts}"))}");
            await Task.Delay(20);
        }
    }
}
