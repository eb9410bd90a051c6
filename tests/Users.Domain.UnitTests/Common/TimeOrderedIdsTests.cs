using Users.Domain.Common;

namespace Users.Domain.UnitTests.Common;

public sealed class TimeOrderedIdsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 2, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void ASequence_CountsUpInTheOrderMade_AndEveryIdStaysVersion7OfItsMillisecond()
    {
        var next = TimeOrderedIds.Sequence(At);

        var ids = Enumerable.Range(0, 1000).Select(_ => next()).ToList();

        Assert.Equal(ids.OrderBy(id => id.ToString(), StringComparer.Ordinal), ids);
        Assert.All(ids, id => Assert.Equal(7, id.Version));
        Assert.All(ids, id => Assert.Equal(At.ToUnixTimeMilliseconds(), Convert.ToInt64(id.ToString("N")[..12], 16)));
        Assert.Equal(1000, ids.Distinct().Count());
    }

    [Fact]
    public void TwoSequences_OfOneInstant_StartApart()
    {
        Assert.NotEqual(TimeOrderedIds.Sequence(At)(), TimeOrderedIds.Sequence(At)());
    }
}
