using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Reports;

namespace CommunityPartyBuilding.UnitTests.Features.Reports;

/// <summary>Issue #18: who is served a stored evaluation report without computing the results (a street in scope assumed).</summary>
public class StoredEvaluationReportsTests
{
    private static readonly Guid Street = Guid.NewGuid();
    private static readonly Guid Unit = Guid.NewGuid();
    private static readonly Guid OtherUnit = Guid.NewGuid();

    private static readonly PortalUser Staff = new("s", "s@example.org", "S", PortalRole.StreetStaff, null, Street, null);
    private static readonly PortalUser OtherStaff = new("o", "o@example.org", "O", PortalRole.StreetStaff, null, Guid.NewGuid(), null);
    private static readonly PortalUser OrgDept = new("d", "d@example.org", "D", PortalRole.OrganisationDepartment, Guid.NewGuid(), null, null);
    private static readonly PortalUser Leader = new("l", "l@example.org", "L", PortalRole.UnitLeader, null, Street, Unit);
    private static readonly PortalUser Community = new("c", "c@example.org", "C", PortalRole.CommunityStaff, null, Street, null, Guid.NewGuid());

    [Fact]
    public void Staff_of_the_street_are_served_once_finalised_others_only_once_published()
    {
        Assert.True(StoredEvaluationReports.MayRead(Staff, Street, EvaluationStatus.Finalised, unitId: null));
        Assert.True(StoredEvaluationReports.MayRead(Staff, Street, EvaluationStatus.Finalised, Unit));
        Assert.False(StoredEvaluationReports.MayRead(Staff, Street, EvaluationStatus.Closed, unitId: null));

        Assert.False(StoredEvaluationReports.MayRead(OrgDept, Street, EvaluationStatus.Finalised, unitId: null));
        Assert.True(StoredEvaluationReports.MayRead(OrgDept, Street, EvaluationStatus.Published, unitId: null));
        Assert.True(StoredEvaluationReports.MayRead(OrgDept, Street, EvaluationStatus.Published, Unit));
        Assert.False(StoredEvaluationReports.MayRead(Leader, Street, EvaluationStatus.Finalised, Unit));
        Assert.True(StoredEvaluationReports.MayRead(Leader, Street, EvaluationStatus.Published, Unit));
    }

    [Fact]
    public void The_annual_report_is_the_street_staffs_and_the_organisation_departments_a_feedback_sheet_its_own_units()
    {
        Assert.False(StoredEvaluationReports.MayRead(Leader, Street, EvaluationStatus.Published, unitId: null));
        Assert.False(StoredEvaluationReports.MayRead(Community, Street, EvaluationStatus.Published, unitId: null));
        Assert.True(StoredEvaluationReports.MayRead(Community, Street, EvaluationStatus.Published, Unit));
        Assert.False(StoredEvaluationReports.MayRead(Leader, Street, EvaluationStatus.Published, OtherUnit));

        // Staff of another street are not this street's managers: only what a published report allows anyone in scope.
        Assert.False(StoredEvaluationReports.MayRead(OtherStaff, Street, EvaluationStatus.Finalised, unitId: null));
        Assert.False(StoredEvaluationReports.MayRead(OtherStaff, Street, EvaluationStatus.Published, unitId: null));
    }
}
