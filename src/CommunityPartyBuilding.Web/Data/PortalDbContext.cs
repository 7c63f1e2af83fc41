using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Features.Committees;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Notifications;
using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Features.Resources;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Data;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>ICU collation that orders Chinese text by pinyin (present in Debian's and the official images' PostgreSQL).</summary>
    public const string ChineseCollation = "zh-x-icu";

    public DbSet<OrganisationDepartment> OrganisationDepartments => Set<OrganisationDepartment>();

    public DbSet<Street> Streets => Set<Street>();

    public DbSet<Community> Communities => Set<Community>();

    public DbSet<StreetCommittee> StreetCommittees => Set<StreetCommittee>();

    public DbSet<MemberUnit> MemberUnits => Set<MemberUnit>();

    public DbSet<CommitteeMember> CommitteeMembers => Set<CommitteeMember>();

    public DbSet<UnitResource> UnitResources => Set<UnitResource>();

    public DbSet<CoBuildingAgreement> Agreements => Set<CoBuildingAgreement>();

    public DbSet<Commitment> Commitments => Set<Commitment>();

    public DbSet<AgreementScan> AgreementScans => Set<AgreementScan>();

    public DbSet<CoBuildingActivity> Activities => Set<CoBuildingActivity>();

    public DbSet<ActivityPhoto> ActivityPhotos => Set<ActivityPhoto>();
    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<MeetingAttendance> MeetingAttendances => Set<MeetingAttendance>();

    public DbSet<Resolution> Resolutions => Set<Resolution>();

    public DbSet<ResolutionProgress> ResolutionProgress => Set<ResolutionProgress>();

    public DbSet<ResolutionAttachment> ResolutionAttachments => Set<ResolutionAttachment>();

    public DbSet<EvaluationCampaign> EvaluationCampaigns => Set<EvaluationCampaign>();

    public DbSet<CampaignUnit> CampaignUnits => Set<CampaignUnit>();

    public DbSet<BallotCode> BallotCodes => Set<BallotCode>();

    public DbSet<BallotCodeRedemption> BallotCodeRedemptions => Set<BallotCodeRedemption>();

    public DbSet<Ballot> Ballots => Set<Ballot>();

    public DbSet<BallotRating> BallotRatings => Set<BallotRating>();

    public DbSet<AssessmentAdjustment> AssessmentAdjustments => Set<AssessmentAdjustment>();

    public DbSet<UnitAssessment> UnitAssessments => Set<UnitAssessment>();

    public DbSet<IssuedReport> IssuedReports => Set<IssuedReport>();

    public DbSet<IssuedReportContent> IssuedReportContents => Set<IssuedReportContent>();

    public DbSet<Features.Needs.Need> Needs => Set<Features.Needs.Need>();

    public DbSet<Features.Needs.NeedPhoto> NeedPhotos => Set<Features.Needs.NeedPhoto>();

    public DbSet<Features.Projects.Project> Projects => Set<Features.Projects.Project>();

    public DbSet<Features.Projects.ProjectUnit> ProjectUnits => Set<Features.Projects.ProjectUnit>();

    public DbSet<Features.Projects.ProjectNeed> ProjectNeeds => Set<Features.Projects.ProjectNeed>();

    public DbSet<Features.Projects.ProjectPhoto> ProjectPhotos => Set<Features.Projects.ProjectPhoto>();

    public DbSet<Features.Needs.NeedDispatch> NeedDispatches => Set<Features.Needs.NeedDispatch>();

    public DbSet<Features.Members.MemberRegistration> MemberRegistrations => Set<Features.Members.MemberRegistration>();

    public DbSet<Features.Members.MemberCommendation> MemberCommendations => Set<Features.Members.MemberCommendation>();

    public DbSet<Features.Members.MemberRemark> MemberRemarks => Set<Features.Members.MemberRemark>();

    public DbSet<Features.Members.Post> Posts => Set<Features.Members.Post>();

    public DbSet<Features.Members.PostClaim> PostClaims => Set<Features.Members.PostClaim>();

    public DbSet<Features.Members.CheckInCode> CheckInCodes => Set<Features.Members.CheckInCode>();

    public DbSet<Features.Members.ServiceRecord> ServiceRecords => Set<Features.Members.ServiceRecord>();

    public DbSet<Features.Members.ServiceRecordPhoto> ServiceRecordPhotos => Set<Features.Members.ServiceRecordPhoto>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and stable when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}
