using Users.Domain.Common;

namespace Users.Domain.UnitTests.Common;

public sealed class TimeOrderedIdsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 2, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void IdsOfOneMillisecond_SortInTheOrderMade_AndStayVersion7OfThatMillisecond()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => TimeOrderedIds.Next(At)).ToList();

        Assert.Equal(ids.OrderBy(id => id.ToString(), StringComparer.Ordinal), ids);
        Assert.All(ids, id => Assert.Equal(7, id.Version));
        Assert.All(ids, id => Assert.Equal(At.ToUnixTimeMilliseconds(), Convert.ToInt64(id.ToString("N")[..12], 16)));
        Assert.Equal(1000, ids.Distinct().Count());
    }

    [Fact]
    public void AnEarlierMillisecond_KeepsItsOwnTime()
    {
        TimeOrderedIds.Next(At);

        var earlier = TimeOrderedIds.Next(At.AddSeconds(-5));

        Assert.Equal(At.AddSeconds(-5).ToUnixTimeMilliseconds(), Convert.ToInt64(earlier.ToString("N")[..12], 16));
    }
}
