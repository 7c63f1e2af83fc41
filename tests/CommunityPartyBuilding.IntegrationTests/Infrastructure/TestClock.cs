namespace CommunityPartyBuilding.IntegrationTests.Infrastructure;

/// <summary>A clock the tests can move; it runs with real time from where it was last set.</summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan offset;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + offset;

    public void Advance(TimeSpan by) => offset += by;

    public void Reset() => offset = TimeSpan.Zero;
}
