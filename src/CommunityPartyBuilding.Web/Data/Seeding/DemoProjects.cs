using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Projects;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Data.Seeding;

/// <summary>
/// Demo projects of 东湖: every community has one in each state (planned, under way, awaiting acceptance, accepted), led
/// by one unit with one or two others. Under way and later ones have a photo; accepted ones gave each unit its verified
/// activity, linked to the unit's commitment of the category as acceptance does (rule 7). Relative to today.
/// </summary>
internal static class DemoProjects
{
    private static readonly (ServiceCategory Category, string Title, string Description, decimal Budget)[] Samples =
    [
        (ServiceCategory.Environment, "老旧小区楼道微改造", "清理楼道杂物、修补墙面、加装扶手，改善老年居民出行。", 30000m),
        (ServiceCategory.CultureSports, "邻里文化节", "共建单位提供场地与志愿者，社区组织文艺演出和亲子游园。", 12000m),
        (ServiceCategory.ConvenienceService, "银龄助餐点", "为辖区独居和高龄老人提供午餐送餐和就餐服务。", 50000m),
        (ServiceCategory.SkillTraining, "社区就业技能课堂", "面向待业居民开设电商、家政等技能培训。", 18000m),
        (ServiceCategory.PublicSafety, "平安小区夜巡", "共建单位党员与社区网格员结对开展夜间巡逻。", 6000m),
    ];

    public static async Task SeedAsync(PortalDbContext db, Guid streetId, IReadOnlyDictionary<string, Guid> communities, IReadOnlyList<MemberUnit> units,
        DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var active = units.Where(u => u.Status == UnitStatus.Active).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        var ids = active.Select(u => u.Id).ToList();
        var commitments = await ProjectCredit.CommitmentsAsync(db, ids, ct);
        var c = 0;
        foreach (var (name, communityId) in communities.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var statuses = Enum.GetValues<ProjectStatus>();
            for (var s = 0; s < statuses.Length; s++)
            {
                var sample = Samples[(c + s) % Samples.Length];
                var status = statuses[s];
                var start = status switch
                {
                    ProjectStatus.Planned => today.AddDays(10 + c),
                    ProjectStatus.UnderWay => today.AddDays(-15 - c),
                    ProjectStatus.Done => today.AddDays(-45 - c),
                    _ => today.AddDays(-90 - c * 3),
                };
                var taking = Enumerable.Range(0, 2 + (c + s) % 2).Select(i => active[(c * 5 + s * 2 + i * 3) % active.Count]).DistinctBy(u => u.Id).ToList();
                var project = new Project
                {
                    StreetId = streetId,
                    CommunityId = communityId,
                    Title = sample.Title,
                    Description = sample.Description,
                    Category = sample.Category,
                    LeadUnitId = taking[0].Id,
                    PlannedStart = start,
                    PlannedEnd = start.AddDays(40),
                    Budget = sample.Budget,
                    Status = status,
                    CreatedAt = now.AddDays(start.DayNumber - today.DayNumber - 14),
                    CreatedBy = "community.donghu@example.org",
                };
                if (status != ProjectStatus.Planned)
                {
                    project.StartedAt = now.AddDays(start.DayNumber - today.DayNumber);
                    var png = DemoHistory.DrawPhoto(sample.Title, c * 4 + s);
                    var image = Images.CheckAndThumbnail(png)!;
                    db.ProjectPhotos.Add(new ProjectPhoto
                    {
                        ProjectId = project.Id,
                        StreetId = streetId,
                        FileName = "项目照片.png",
                        ContentType = "image/png",
                        Width = image.Width,
                        Height = image.Height,
                        Content = png,
                        Thumbnail = image.Thumbnail,
                        UploadedAt = project.StartedAt.Value.AddDays(7),
                    });
                }

                if (status is ProjectStatus.Done or ProjectStatus.Accepted)
                {
                    project.DoneAt = now.AddDays(start.DayNumber - today.DayNumber + 35);
                    project.DoneBy = "demo";
                    project.Summary = "项目按计划完成，居民参与踊跃，反响良好。";
                }

                foreach (var unit in taking)
                {
                    var row = new ProjectUnit { ProjectId = project.Id, StreetId = streetId, UnitId = unit.Id, IsLead = unit.Id == project.LeadUnitId };
                    if (status == ProjectStatus.Accepted)
                    {
                        var heldOn = start.AddDays(35);
                        row.VolunteerHours = row.IsLead ? 24 : 12;
                        row.Funds = row.IsLead ? sample.Budget * 0.6m : sample.Budget * 0.2m;
                        row.Beneficiaries = 60;
                        row.Participants = row.IsLead ? 8 : 4;
                        var activity = new CoBuildingActivity
                        {
                            StreetId = streetId,
                            UnitId = unit.Id,
                            ProjectId = project.Id,
                            CommitmentId = ProjectCredit.CommitmentOf(commitments, unit.Id, sample.Category, heldOn),
                            Title = ProjectRules.ActivityTitle(sample.Title, row.IsLead),
                            Category = sample.Category,
                            HeldOn = heldOn,
                            Place = name,
                            Participants = row.Participants.Value,
                            VolunteerHours = row.VolunteerHours.Value,
                            Funds = row.Funds.Value,
                            Beneficiaries = row.Beneficiaries.Value,
                            Description = project.Summary ?? "",
                            Status = ActivityStatus.Verified,
                            SubmittedAt = project.DoneAt!.Value.AddDays(3),
                            SubmittedBy = "demo",
                            ReviewedAt = project.DoneAt!.Value.AddDays(3),
                            ReviewedBy = ProjectRules.Reviewer,
                        };
                        db.Activities.Add(activity);
                        row.ActivityId = activity.Id;
                    }

                    db.ProjectUnits.Add(row);
                }

                if (status == ProjectStatus.Accepted)
                {
                    project.AcceptedAt = project.DoneAt!.Value.AddDays(3);
                    project.AcceptedBy = "staff.donghu@example.org";
                }

                db.Projects.Add(project);
            }

            c++;
        }
    }
}
