using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Projects;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyBuilding.Web.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.Property(x => x.Title).HasMaxLength(ProjectRules.TitleMaxLength).UseCollation(PortalDbContext.ChineseCollation);
        builder.Property(x => x.Description).HasMaxLength(ProjectRules.DescriptionMaxLength);
        builder.Property(x => x.Summary).HasMaxLength(ProjectRules.SummaryMaxLength);
        builder.Property(x => x.Budget).HasPrecision(14, 2);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.Property(x => x.DoneBy).HasMaxLength(256);
        builder.Property(x => x.AcceptedBy).HasMaxLength(256);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.StreetId, x.Status });
        builder.HasIndex(x => new { x.CommunityId, x.Status });
        builder.ToTable(t => t.HasCheckConstraint("ck_project_dates", "\"PlannedEnd\" >= \"PlannedStart\""));
    }
}

internal sealed class ProjectUnitConfiguration : IEntityTypeConfiguration<ProjectUnit>
{
    public void Configure(EntityTypeBuilder<ProjectUnit> builder)
    {
        builder.Property(x => x.VolunteerHours).HasPrecision(12, 1);
        builder.Property(x => x.Funds).HasPrecision(14, 2);
        builder.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CoBuildingActivity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(x => new { x.ProjectId, x.UnitId }).IsUnique();
        builder.HasIndex(x => x.UnitId);
    }
}

internal sealed class ProjectNeedConfiguration : IEntityTypeConfiguration<ProjectNeed>
{
    public void Configure(EntityTypeBuilder<ProjectNeed> builder)
    {
        builder.HasKey(x => new { x.ProjectId, x.NeedId });
        builder.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Need>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Restrict);

        // A need is answered by one project at most.
        builder.HasIndex(x => x.NeedId).IsUnique();
    }
}

internal sealed class ProjectPhotoConfiguration : IEntityTypeConfiguration<ProjectPhoto>
{
    public void Configure(EntityTypeBuilder<ProjectPhoto> builder)
    {
        builder.Property(x => x.FileName).HasMaxLength(200);
        builder.Property(x => x.ContentType).HasMaxLength(50);
        builder.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.ProjectId);
    }
}
