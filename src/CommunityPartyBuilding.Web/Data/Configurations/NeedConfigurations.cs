using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyBuilding.Web.Data.Configurations;

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public const string TrackingCodeIndex = "IX_Needs_TrackingCodeHash";

    public void Configure(EntityTypeBuilder<Need> builder)
    {
        builder.Property(x => x.Title).HasMaxLength(NeedRules.TitleMaxLength).UseCollation(PortalDbContext.ChineseCollation);
        builder.Property(x => x.Description).HasMaxLength(NeedRules.DescriptionMaxLength);
        builder.Property(x => x.ContactName).HasMaxLength(NeedRules.ContactNameMaxLength);
        builder.Property(x => x.ContactPhone).HasMaxLength(20);
        builder.Property(x => x.RejectReason).HasMaxLength(NeedRules.ReasonMaxLength);
        builder.Property(x => x.TrackingCodeHash).HasMaxLength(64);
        builder.Property(x => x.SubmittedBy).HasMaxLength(256);
        builder.Property(x => x.ReviewedBy).HasMaxLength(256);
        builder.Property(x => x.ClaimedBy).HasMaxLength(256);
        builder.Property(x => x.CompletionNote).HasMaxLength(NeedRules.NoteMaxLength);
        builder.Property(x => x.RatingComment).HasMaxLength(NeedRules.CommentMaxLength);
        builder.Property(x => x.ReturnVisitNote).HasMaxLength(ReturnVisitRules.NoteMaxLength);
        builder.Property(x => x.ReturnVisitBy).HasMaxLength(256);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.ClaimerUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Features.Members.MemberRegistration>().WithMany().HasForeignKey(x => x.ClaimerMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.DispatchedUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CoBuildingActivity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Features.Projects.Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.SetNull);

        // The code is the resident's only key: unique, looked up by its hash.
        builder.HasIndex(x => x.TrackingCodeHash).IsUnique().HasDatabaseName(TrackingCodeIndex);

        // Lists by street or community and status; a unit's claims; the daily pass over claims and done needs.
        builder.HasIndex(x => new { x.StreetId, x.Status, x.SubmittedAt });
        builder.HasIndex(x => new { x.CommunityId, x.Status });
        builder.HasIndex(x => x.ClaimerUnitId);
        builder.HasIndex(x => new { x.Status, x.ClaimBy });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_need_claimer", "NOT (\"ClaimerUnitId\" IS NOT NULL AND \"ClaimerMemberId\" IS NOT NULL)");
            t.HasCheckConstraint("ck_need_claimed", "\"Status\" <> 'Claimed' OR ((\"ClaimerUnitId\" IS NOT NULL OR \"ClaimerMemberId\" IS NOT NULL) AND \"ClaimBy\" IS NOT NULL)");
            t.HasCheckConstraint("ck_need_rated", "(\"Status\" = 'Rated') = (\"Rating\" IS NOT NULL)");
            t.HasCheckConstraint("ck_need_lapsed", "\"LapsedClaims\" >= 0");
            t.HasCheckConstraint("ck_need_dispatched", "\"DispatchedUnitId\" IS NULL OR \"Status\" = 'Published'");
        });
    }
}

internal sealed class NeedDispatchConfiguration : IEntityTypeConfiguration<NeedDispatch>
{
    public const string OnePendingIndex = "IX_NeedDispatches_NeedId_Pending";

    public void Configure(EntityTypeBuilder<NeedDispatch> builder)
    {
        builder.Property(x => x.DispatchedBy).HasMaxLength(256);
        builder.Property(x => x.AnsweredBy).HasMaxLength(256);
        builder.Property(x => x.DeclineReason).HasMaxLength(NeedDispatchRules.ReasonMaxLength);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Need>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);

        // At most one pending dispatch per need, however many staff dispatch at once.
        builder.HasIndex(x => x.NeedId).IsUnique().HasFilter("\"Status\" = 'Pending'").HasDatabaseName(OnePendingIndex);

        // A unit's pending dispatches; the daily pass over deadlines; the monthly notice by street and month.
        builder.HasIndex(x => new { x.UnitId, x.Status });
        builder.HasIndex(x => new { x.Status, x.Deadline });
        builder.HasIndex(x => new { x.StreetId, x.DispatchedAt });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_need_dispatch_declined", "\"Status\" <> 'Declined' OR \"DeclineReason\" IS NOT NULL");
            t.HasCheckConstraint("ck_need_dispatch_answered", "(\"Status\" = 'Pending') = (\"AnsweredAt\" IS NULL)");
        });
    }
}

internal sealed class NeedPhotoConfiguration : IEntityTypeConfiguration<NeedPhoto>
{
    public void Configure(EntityTypeBuilder<NeedPhoto> builder)
    {
        builder.Property(x => x.FileName).HasMaxLength(200);
        builder.Property(x => x.ContentType).HasMaxLength(50);
        builder.HasOne<Need>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.NeedId);
    }
}
