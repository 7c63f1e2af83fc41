using System.Net.Http.Headers;
using CommunityPartyBuilding.IntegrationTests.Generated;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;

namespace CommunityPartyBuilding.IntegrationTests.Features.OpenApi;

/// <summary>
/// The API as an integrator sees it: a client generated at build time from the OpenAPI document (NSwag, see the
/// project file) talks to the running portal. Where the document and the server disagree (a route, a field, a type,
/// an enumeration spelling, a status code), these calls fail.
/// </summary>
public class GeneratedClientTests(PortalApp app) : PortalTest(app)
{
    [Fact]
    public async Task An_integrator_signs_in_pages_through_units_records_an_activity_and_reads_the_dashboard()
    {
        using var http = App.Anonymous();
        var client = new PortalApiClient(http);

        var token = await client.IssueTokenAsync(new TokenRequest { Email = "staff.donghu@example.org", Password = PortalApp.Password });
        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);

        var me = await client.GetMeAsync();
        Assert.Equal(PortalRole.StreetStaff, me.Role);
        var streetId = me.StreetId!.Value;

        var units = new List<UnitDto>();
        PagedResultOfUnitDto page;
        var number = 1;
        do
        {
            page = await client.ListUnitsAsync(streetId, page: number++, pageSize: 2);
            Assert.True(page.Items.Count <= 2);
            units.AddRange(page.Items);
        }
        while (page.Items.Count > 0 && units.Count < page.Total);

        Assert.True(number > 2, "the street has more than one page of units");
        Assert.Equal(page.Total, units.Count);
        Assert.Equal(units.Count, units.Select(u => u.Id).Distinct().Count());
        Assert.All(units, u => Assert.Equal(UnitStatus.Active, u.Status));

        var active = await client.ListUnitsAsync(streetId, category: units[0].Category, pageSize: 500);
        Assert.Contains(active.Items, u => u.Id == units[0].Id);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var before = await client.GetStreetDashboardAsync(streetId, today.Year);
        var activity = await client.RecordActivityAsync(units[0].Id, new ActivityInput
        {
            Title = "接口集成测试活动",
            Category = ServiceCategory.ConvenienceService,
            HeldOn = today,
            Place = "东湖社区服务中心",
            Participants = 10,
            PartyMemberParticipants = 4,
            VolunteerHours = 20,
            Funds = 0,
            Beneficiaries = 50,
            Description = "通过生成的客户端登记。",
        });
        Assert.Equal(ActivityStatus.Submitted, activity.Status);
        Assert.Equal(today, activity.HeldOn);
        Assert.Equal(units[0].Id, activity.UnitId);

        var dashboard = await client.GetStreetDashboardAsync(streetId, today.Year);
        Assert.Equal(streetId, dashboard.StreetId);
        Assert.Equal(today.Year, dashboard.Year);
        Assert.NotNull(before.Units);
        Assert.NotNull(dashboard.Units);

        // A refusal arrives as the problem details the document declares.
        var missing = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => client.GetUnitAsync(Guid.NewGuid()));
        Assert.Equal(404, missing.StatusCode);
        var invalid = await Assert.ThrowsAsync<ApiException<HttpValidationProblemDetails>>(() => client.RecordActivityAsync(units[0].Id, new ActivityInput
        {
            Title = "",
            Category = ServiceCategory.Other,
            HeldOn = today,
            Participants = 0,
        }));
        Assert.Equal(422, invalid.StatusCode);
        Assert.NotEmpty(invalid.Result.Errors);
    }
}
