using System.Globalization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.UnitTests.Infrastructure;

public class InfrastructureTests
{
    [Theory]
    [InlineData(1, 50, 0, 50)]
    [InlineData(3, 20, 40, 20)]
    [InlineData(0, 0, 0, 50)]
    [InlineData(-5, 10, 0, 10)]
    [InlineData(2, 10_000, 500, 500)]
    public void Paging_is_clamped_to_at_most_500(int page, int size, int skip, int take) =>
        Assert.Equal(new PageWindow(skip, take), Paging.Clamp(page, size));

    [Fact]
    public void Audit_values_are_written_culture_invariantly()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("0.5", AuditInterceptor.Format(0.5m));
            Assert.Equal("2026-03-31", AuditInterceptor.Format(new DateOnly(2026, 3, 31)));
            Assert.Null(AuditInterceptor.Format(null));
            Assert.Equal("文本", AuditInterceptor.Format("文本"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Business_dates_are_reckoned_in_Shanghai()
    {
        // 2026-03-31 17:30 UTC is already 1 April in Shanghai (UTC+8).
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 31, 17, 30, 0, TimeSpan.Zero));
        var calendar = new BusinessCalendar(clock, Options.Create(new PortalOptions()));
        Assert.Equal(new DateOnly(2026, 4, 1), calendar.Today);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 16, 0, 0, TimeSpan.Zero), calendar.StartOfDay(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void Temporary_passwords_avoid_look_alikes_and_meet_the_policy()
    {
        for (var i = 0; i < 200; i++)
        {
            var password = TemporaryPassword.Generate();
            Assert.Equal(12, password.Length);
            Assert.Contains(password, char.IsDigit);
            Assert.Contains(password, char.IsLower);
            Assert.DoesNotContain(password, c => "0O1lIiLo".Contains(c, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Names_are_required_and_bounded()
    {
        Assert.Single(AdministrationRules.ValidateName(" ", "Name", "Field.Street.Name"));
        Assert.Single(AdministrationRules.ValidateName(new string('街', 101), "Name", "Field.Street.Name"));
        Assert.Empty(AdministrationRules.ValidateName("东湖街道", "Name", "Field.Street.Name"));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
