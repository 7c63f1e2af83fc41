using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Members;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Projects;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyBuilding.Web.Data.Configurations;

internal sealed class MemberRegistrationConfiguration : IEntityTypeConfiguration<MemberRegistration>
{
    public void Configure(EntityTypeBuilder<MemberRegistration> builder)
    {
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.Name).HasMaxLength(MemberRules.NameMaxLength).UseCollation(PortalDbContext.ChineseCollation);
        builder.Property(x => x.Phone).HasMaxLength(20);
        builder.Property(x => x.Email).HasMaxLength(MemberRules.EmailMaxLength);
        builder.Property(x => x.EmployerName).HasMaxLength(MemberRules.EmployerNameMaxLength);
        builder.Property(x => x.EmployerPartyOrganisation).HasMaxLength(MemberRules.PartyOrganisationMaxLength);
        builder.Property(x => x.Building).HasMaxLength(MemberRules.BuildingMaxLength);
        builder.Property(x => x.ReturnReason).HasMaxLength(MemberRules.ReasonMaxLength);
        builder.Property(x => x.CommunityConfirmedBy).HasMaxLength(256);
        builder.Property(x => x.EmploymentConfirmedBy).HasMaxLength(256);
        builder.Property(x => x.ReturnedBy).HasMaxLength(256);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.EmployerUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.UserId).IsUnique();
        builder.HasIndex(x => new { x.CommunityId, x.Status });
        builder.HasIndex(x => new { x.EmployerUnitId, x.Status });

        // One live registration per phone in a street: a second one, even at the same moment, is refused by the index.
        builder.HasIndex(x => new { x.StreetId, x.Phone })
            .IsUnique()
            .HasFilter($"\"Status\" IN ('{nameof(RegistrationStatus.Pending)}', '{nameof(RegistrationStatus.Registered)}')")
            .HasDatabaseName("ux_member_registration_live_phone");
    }
}

internal sealed class MemberCommendationConfiguration : IEntityTypeConfiguration<MemberCommendation>
{
    public void Configure(EntityTypeBuilder<MemberCommendation> builder)
    {
        builder.Property(x => x.Citation).HasMaxLength(MemberRules.CitationMaxLength);
        builder.Property(x => x.NamedBy).HasMaxLength(256);
        builder.Property(x => x.WithdrawnBy).HasMaxLength(256);
        builder.Property(x => x.WithdrawReason).HasMaxLength(MemberRules.ReasonMaxLength);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<MemberRegistration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);

        // One standing commendation per member and year; a withdrawn one stays beside the one named again.
        builder.HasIndex(x => new { x.RegistrationId, x.Year }).IsUnique().HasFilter("\"WithdrawnAt\" IS NULL");
        builder.HasIndex(x => new { x.StreetId, x.Year });
    }
}

internal sealed class MemberRemarkConfiguration : IEntityTypeConfiguration<MemberRemark>
{
    public void Configure(EntityTypeBuilder<MemberRemark> builder)
    {
        builder.Property(x => x.Text).HasMaxLength(MemberRules.RemarkMaxLength);
        builder.Property(x => x.WrittenBy).HasMaxLength(256);
        builder.HasOne<MemberRegistration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.RegistrationId, x.Year, x.Quarter }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("ck_member_remark_quarter", "\"Quarter\" BETWEEN 1 AND 4"));
    }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.Property(x => x.Title).HasMaxLength(MemberRules.PostTitleMaxLength).UseCollation(PortalDbContext.ChineseCollation);
        builder.Property(x => x.Duties).HasMaxLength(MemberRules.DutiesMaxLength);
        builder.Property(x => x.Place).HasMaxLength(MemberRules.PlaceMaxLength);
        builder.Property(x => x.Schedule).HasMaxLength(MemberRules.ScheduleMaxLength);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CommunityId, x.Withdrawn });
        builder.ToTable(t => t.HasCheckConstraint("ck_post_places", "\"Places\" >= 1 AND \"Taken\" >= 0 AND \"Taken\" <= \"Places\""));
    }
}

internal sealed class PostClaimConfiguration : IEntityTypeConfiguration<PostClaim>
{
    public void Configure(EntityTypeBuilder<PostClaim> builder)
    {
        builder.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MemberRegistration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);

        // A member holds a post once at a time.
        builder.HasIndex(x => new { x.PostId, x.RegistrationId }).IsUnique().HasFilter("\"ReleasedAt\" IS NULL");
        builder.HasIndex(x => x.RegistrationId);
    }
}

internal sealed class CheckInCodeConfiguration : IEntityTypeConfiguration<CheckInCode>
{
    public void Configure(EntityTypeBuilder<CheckInCode> builder)
    {
        builder.Property(x => x.Code).HasMaxLength(MemberRules.CheckInCodeLength);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.Code).IsUnique();
        builder.HasIndex(x => x.PostId);
        builder.HasIndex(x => x.ProjectId);
        builder.ToTable(t => t.HasCheckConstraint("ck_checkin_subject", "(\"PostId\" IS NULL) <> (\"ProjectId\" IS NULL)"));
    }
}

internal sealed class ServiceRecordConfiguration : IEntityTypeConfiguration<ServiceRecord>
{
    public void Configure(EntityTypeBuilder<ServiceRecord> builder)
    {
        builder.Property(x => x.Hours).HasPrecision(4, 1);
        builder.Property(x => x.Note).HasMaxLength(MemberRules.NoteMaxLength);
        builder.Property(x => x.SubmittedBy).HasMaxLength(256);
        builder.Property(x => x.ReviewedBy).HasMaxLength(256);
        builder.Property(x => x.ReturnReason).HasMaxLength(MemberRules.ReasonMaxLength);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<MemberRegistration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Need>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.RegistrationId, x.Date });
        builder.HasIndex(x => new { x.CommunityId, x.Status });
        builder.HasIndex(x => new { x.StreetId, x.Date });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_service_record_times", "\"End\" > \"Start\" AND \"Hours\" > 0 AND \"Hours\" <= 12");
            t.HasCheckConstraint(
                "ck_service_record_subject",
                "(CASE WHEN \"PostId\" IS NULL THEN 0 ELSE 1 END + CASE WHEN \"NeedId\" IS NULL THEN 0 ELSE 1 END + CASE WHEN \"ProjectId\" IS NULL THEN 0 ELSE 1 END) = 1");
        });
    }
}

internal sealed class ServiceRecordPhotoConfiguration : IEntityTypeConfiguration<ServiceRecordPhoto>
{
    public void Configure(EntityTypeBuilder<ServiceRecordPhoto> builder)
    {
        builder.Property(x => x.FileName).HasMaxLength(200);
        builder.Property(x => x.ContentType).HasMaxLength(50);
        builder.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceRecordId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.ServiceRecordId);
    }
}
