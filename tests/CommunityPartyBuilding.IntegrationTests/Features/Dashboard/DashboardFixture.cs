using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Committees;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Dashboard;

/// <summary>
/// A small street, 测试街道, under the demo organisation department, whose every dashboard figure was worked out by hand
/// (the comments give the working). Today is fixed at <see cref="Today"/> (2026-06-20, Q2, ten days before the
/// quarter ends). Everything is inserted directly, so the figures do not depend on any other feature's rules.
/// </summary>
internal sealed class DashboardFixture
{
    public static readonly DateOnly Today = new(2026, 6, 20);
    public const string StreetName = "测试街道";

    public Guid StreetId { get; private set; }

    public Guid DepartmentId { get; private set; }

    public Dictionary<string, Guid> Units { get; } = [];

    public Dictionary<string, Guid> Agreements { get; } = [];

    public Dictionary<string, Guid> Resolutions { get; } = [];

    public Dictionary<string, Guid> Members { get; } = [];

    public Guid Campaign2026 { get; private set; }

    public Guid Campaign2025 { get; private set; }

    /// <summary>The app's clock when the fixture was built (stamps such as CreatedAt).</summary>
    private DateTimeOffset now;

    public static async Task<DashboardFixture> CreateAsync(PortalApp app)
    {
        app.SetToday(Today);
        var fixture = new DashboardFixture { now = app.Clock.GetUtcNow() };
        await app.QueryAsync(async db =>
        {
            fixture.DepartmentId = await db.OrganisationDepartments.Where(d => d.Name == DemoSeeder.OrganisationDepartmentName).Select(d => d.Id).SingleAsync();
            var street = new Street { Name = StreetName, OrganisationDepartmentId = fixture.DepartmentId };
            fixture.StreetId = street.Id;
            db.Streets.Add(street);
            db.StreetCommittees.Add(new StreetCommittee { StreetId = street.Id, Name = "测试街道大党工委", MinimumJointMeetingsPerQuarter = 1 });
            await db.SaveChangesAsync();

            // Units active on 2026-06-20: U1, U2 (private), U3 (school), U6 (withdrawn today still counts) = 4.
            // On 2025-12-31: U1, U3, U5, U6 = 4 (U2 and U4 joined later; U5 withdrew 2026-02-01).
            fixture.AddUnit(db, "U1", UnitCategory.PrivateEnterprise, new(2025, 1, 1));
            fixture.AddUnit(db, "U2", UnitCategory.PrivateEnterprise, new(2026, 3, 1));
            fixture.AddUnit(db, "U3", UnitCategory.School, new(2024, 5, 1));
            fixture.AddUnit(db, "U4", UnitCategory.Hospital, new(2026, 7, 1));
            fixture.AddUnit(db, "U5", UnitCategory.SocialOrganisation, new(2023, 1, 1), withdrawnOn: new(2026, 2, 1));
            fixture.AddUnit(db, "U6", UnitCategory.SocialOrganisation, new(2023, 1, 1), withdrawnOn: Today);
            await db.SaveChangesAsync();

            // In force during 2026: A1, A2 (C1, C2, C3). During 2025: A2, A4, A5 (C3, C5, C6).
            var c1 = fixture.AddAgreement(db, "A1", "U1", AgreementStatus.Active, new(2026, 1, 1), new(2026, 12, 31), null,
                (ServiceCategory.Environment, CommitmentMeasure.Activities, 4m), (ServiceCategory.Environment, CommitmentMeasure.VolunteerHours, 100m));
            var c3 = fixture.AddAgreement(db, "A2", "U3", AgreementStatus.Active, new(2025, 1, 1), new(2026, 7, 10), null,
                (ServiceCategory.SkillTraining, CommitmentMeasure.Funds, 1000m));
            fixture.AddAgreement(db, "A3", "U2", AgreementStatus.Draft, new(2026, 1, 1), new(2026, 12, 31), null,
                (ServiceCategory.Environment, CommitmentMeasure.Activities, 1m));
            fixture.AddAgreement(db, "A4", "U1", AgreementStatus.Terminated, new(2025, 1, 1), new(2027, 12, 31), new(2025, 10, 1),
                (ServiceCategory.CultureSports, CommitmentMeasure.Beneficiaries, 50m));
            var c6 = fixture.AddAgreement(db, "A5", "U3", AgreementStatus.Expired, new(2024, 1, 1), new(2025, 12, 31), null,
                (ServiceCategory.Environment, CommitmentMeasure.Activities, 2m));
            await db.SaveChangesAsync();

            // 2026: verified X1 X2 X5 X7 X9 = 5; submitted X3 X8 = 2; returned X4 = 1.
            // Hours 10+5+60+2+1.5 = 78.5; funds 200+250.50 = 450.50; beneficiaries 20+30+40+15+12 = 117.
            // C1 (activities, 4): X1, X2 → 0.5. C2 (hours, 100): X5 60 + X6 50 (2025) → 1. C3 (funds, 1000): X7 250.50 → 0.2505.
            fixture.AddActivity(db, "U1", new(2026, 1, 15), ActivityStatus.Verified, c1[0], 10m, 0m, 20);
            fixture.AddActivity(db, "U1", new(2026, 2, 10), ActivityStatus.Verified, c1[0], 5m, 200m, 30);
            fixture.AddActivity(db, "U1", new(2026, 2, 20), ActivityStatus.Submitted, c1[0], 8m, 0m, 10);
            fixture.AddActivity(db, "U1", new(2026, 3, 5), ActivityStatus.Returned, c1[0], 3m, 0m, 5);
            fixture.AddActivity(db, "U1", new(2026, 4, 1), ActivityStatus.Verified, c1[1], 60m, 0m, 40);
            fixture.AddActivity(db, "U1", new(2025, 11, 11), ActivityStatus.Verified, c1[1], 50m, 0m, 10);
            fixture.AddActivity(db, "U3", new(2026, 5, 20), ActivityStatus.Verified, c3[0], 2m, 250.50m, 15);
            fixture.AddActivity(db, "U2", new(2026, 6, 1), ActivityStatus.Submitted, null, 4m, 0m, 8);
            fixture.AddActivity(db, "U3", new(2026, 6, 18), ActivityStatus.Verified, null, 1.5m, 0m, 12);
            // 2025: verified X6, X12 = 2 (hours 50 + 3 = 53); submitted X11 = 1. C6 (activities, 2): X12 → 0.5.
            fixture.AddActivity(db, "U1", new(2025, 3, 3), ActivityStatus.Submitted, null, 1m, 0m, 1);
            fixture.AddActivity(db, "U3", new(2025, 6, 1), ActivityStatus.Verified, c6[0], 3m, 0m, 9);
            await db.SaveChangesAsync();

            // 2026: Q1 one held joint meeting (met); Q2 none held (cancelled, committee meeting, planned) → reminder due.
            // 2025: joint meetings held in Q1 and Q3 → met 2 of 4.
            var m1 = fixture.AddMeeting(db, MeetingKind.JointMeeting, MeetingStatus.Held, new(2026, 2, 15));
            fixture.AddMeeting(db, MeetingKind.JointMeeting, MeetingStatus.Cancelled, new(2026, 5, 10));
            fixture.AddMeeting(db, MeetingKind.CommitteeMeeting, MeetingStatus.Held, new(2026, 5, 12));
            fixture.AddMeeting(db, MeetingKind.JointMeeting, MeetingStatus.Planned, new(2026, 6, 28));
            fixture.AddMeeting(db, MeetingKind.JointMeeting, MeetingStatus.Held, new(2025, 3, 10));
            fixture.AddMeeting(db, MeetingKind.JointMeeting, MeetingStatus.Held, new(2025, 8, 8));
            await db.SaveChangesAsync();

            // Due in 2026: on time R1, R6; late R2; overdue R3; open R4 (due within 7 days), R5. Rate 2 / 4 = 0.5.
            // R7 (due 2025) is overdue; R8 is due in 2027.
            fixture.AddResolution(db, "R1", m1, 2026, 1, ResolutionStatus.Completed, new(2026, 3, 31), new(2026, 3, 1), "U1");
            fixture.AddResolution(db, "R2", m1, 2026, 2, ResolutionStatus.Completed, new(2026, 4, 10), new(2026, 4, 15), "U1");
            fixture.AddResolution(db, "R3", m1, 2026, 3, ResolutionStatus.InProgress, new(2026, 5, 31), null, "U1", "U3");
            fixture.AddResolution(db, "R4", m1, 2026, 4, ResolutionStatus.NotStarted, new(2026, 6, 25), null, "U3");
            fixture.AddResolution(db, "R5", m1, 2026, 5, ResolutionStatus.NotStarted, new(2026, 9, 30), null, "U2");
            fixture.AddResolution(db, "R6", m1, 2026, 6, ResolutionStatus.Completed, Today, Today, "U2");
            fixture.AddResolution(db, "R7", m1, 2025, 1, ResolutionStatus.NotStarted, new(2025, 12, 15), null, "U1");
            fixture.AddResolution(db, "R8", m1, 2026, 7, ResolutionStatus.InProgress, new(2027, 1, 15), null, "U1");

            // Terms: CM1 ends within 60 days; CM2 ends later; CM3 has ended.
            fixture.AddMember(db, "CM1", new(2026, 8, 1));
            fixture.AddMember(db, "CM2", new(2026, 8, 30));
            fixture.AddMember(db, "CM3", new(2026, 6, 19));
            await db.SaveChangesAsync();

            // 2026 campaign open with 2 online and 1 paper ballot; 2025 campaign finalised: totals 92.0, 80.5, 55.0 → mean 75.8.
            var open = fixture.AddCampaign(db, 2026, EvaluationStatus.Open);
            fixture.Campaign2026 = open.Id;
            var finalised = fixture.AddCampaign(db, 2025, EvaluationStatus.Finalised);
            fixture.Campaign2025 = finalised.Id;
            await db.SaveChangesAsync();
            db.Ballots.AddRange(
                new Ballot { CampaignId = open.Id, StreetId = fixture.StreetId, Channel = BallotChannel.Online, CastAt = app.Clock.GetUtcNow() },
                new Ballot { CampaignId = open.Id, StreetId = fixture.StreetId, Channel = BallotChannel.Online, CastAt = app.Clock.GetUtcNow() },
                new Ballot { CampaignId = open.Id, StreetId = fixture.StreetId, Channel = BallotChannel.Paper, CastAt = app.Clock.GetUtcNow(), PaperSerial = "P-001", EnteredBy = "staff" });
            fixture.AddAssessment(db, finalised.Id, "U1", 92.0m, Grade.Excellent);
            fixture.AddAssessment(db, finalised.Id, "U3", 80.5m, Grade.Good);
            fixture.AddAssessment(db, finalised.Id, "U5", 55.0m, Grade.Poor);
            await db.SaveChangesAsync();
            return 0;
        });
        return fixture;
    }

    private void AddUnit(Web.Data.PortalDbContext db, string key, UnitCategory category, DateOnly joinedOn, DateOnly? withdrawnOn = null)
    {
        var first17 = "9133010" + (Units.Count + 1).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
        var unit = new MemberUnit
        {
            StreetId = StreetId,
            Name = "测试单位" + key,
            CreditCode = first17 + CreditCode.CheckCharacter(first17),
            Category = category,
            JoinedOn = joinedOn,
            Status = withdrawnOn is null ? UnitStatus.Active : UnitStatus.Withdrawn,
            WithdrawnOn = withdrawnOn,
            WithdrawalReason = withdrawnOn is null ? null : "测试",
        };
        db.MemberUnits.Add(unit);
        Units[key] = unit.Id;
    }

    private List<Guid> AddAgreement(Web.Data.PortalDbContext db, string key, string unit, AgreementStatus status, DateOnly from, DateOnly to, DateOnly? terminatedOn,
        params (ServiceCategory Category, CommitmentMeasure Measure, decimal Target)[] commitments)
    {
        var agreement = new CoBuildingAgreement
        {
            StreetId = StreetId,
            UnitId = Units[unit],
            Title = "测试协议" + key,
            SignedOn = from,
            ValidFrom = from,
            ValidTo = to,
            Status = status,
            TerminatedOn = terminatedOn,
            TerminationReason = terminatedOn is null ? null : "测试",
        };
        var ids = new List<Guid>();
        var order = 0;
        foreach (var (category, measure, target) in commitments)
        {
            var commitment = new Commitment { StreetId = StreetId, Category = category, ContributionType = ContributionType.Personnel, Measure = measure, Target = target, SortOrder = order++ };
            agreement.Commitments.Add(commitment);
            ids.Add(commitment.Id);
        }

        db.Agreements.Add(agreement);
        Agreements[key] = agreement.Id;
        return ids;
    }

    private void AddActivity(Web.Data.PortalDbContext db, string unit, DateOnly heldOn, ActivityStatus status, Guid? commitmentId, decimal hours, decimal funds, int beneficiaries) =>
        db.Activities.Add(new CoBuildingActivity
        {
            StreetId = StreetId,
            UnitId = Units[unit],
            CommitmentId = commitmentId,
            Title = "测试活动",
            Category = ServiceCategory.Environment,
            HeldOn = heldOn,
            Participants = 5,
            VolunteerHours = hours,
            Funds = funds,
            Beneficiaries = beneficiaries,
            Status = status,
            ReturnReason = status == ActivityStatus.Returned ? "测试" : null,
            SubmittedAt = now,
        });

    private Guid AddMeeting(Web.Data.PortalDbContext db, MeetingKind kind, MeetingStatus status, DateOnly date)
    {
        var meeting = new Meeting
        {
            StreetId = StreetId,
            Kind = kind,
            Title = "测试会议",
            ScheduledAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(6, 30)), TimeSpan.Zero),
            MeetingDate = date,
            Status = status,
            HeldAt = status == MeetingStatus.Held ? new DateTimeOffset(date.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero) : null,
        };
        db.Meetings.Add(meeting);
        return meeting.Id;
    }

    private void AddResolution(Web.Data.PortalDbContext db, string key, Guid meetingId, int year, int sequence, ResolutionStatus status, DateOnly deadline, DateOnly? completedOn, string lead, params string[] cooperating)
    {
        var resolution = new Resolution
        {
            StreetId = StreetId,
            MeetingId = meetingId,
            Year = year,
            Sequence = sequence,
            Number = $"测试〔{year}〕{sequence}号",
            Title = "测试决议" + key,
            LeadUnitId = Units[lead],
            CooperatingUnitIds = cooperating.Select(c => Units[c]).ToList(),
            Deadline = deadline,
            Status = status,
            Percent = status == ResolutionStatus.Completed ? 100 : 0,
            CompletedOn = completedOn,
            CreatedAt = now,
        };
        db.Resolutions.Add(resolution);
        Resolutions[key] = resolution.Id;
    }

    private void AddMember(Web.Data.PortalDbContext db, string key, DateOnly termEnd)
    {
        var member = new CommitteeMember { StreetId = StreetId, PersonName = "委员" + key, Position = CommitteePosition.Member, TermStart = new(2022, 1, 1), TermEnd = termEnd };
        db.CommitteeMembers.Add(member);
        Members[key] = member.Id;
    }

    private EvaluationCampaign AddCampaign(Web.Data.PortalDbContext db, int year, EvaluationStatus status)
    {
        var campaign = new EvaluationCampaign
        {
            StreetId = StreetId,
            Year = year,
            Status = status,
            BallotOpensAt = new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero),
            BallotClosesAt = new DateTimeOffset(year, 12, 31, 0, 0, 0, TimeSpan.Zero),
            CreatedAt = now,
        };
        db.EvaluationCampaigns.Add(campaign);
        return campaign;
    }

    private void AddAssessment(Web.Data.PortalDbContext db, Guid campaignId, string unit, decimal total, Grade grade) =>
        db.UnitAssessments.Add(new UnitAssessment
        {
            CampaignId = campaignId,
            StreetId = StreetId,
            UnitId = Units[unit],
            UnitName = "测试单位" + unit,
            Total = total,
            Grade = grade,
        });
}
