using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyBuilding.Web.Data.Configurations;

internal sealed class CoBuildingAgreementConfiguration : IEntityTypeConfiguration<CoBuildingAgreement>
{
    public void Configure(EntityTypeBuilder<CoBuildingAgreement> builder)
    {
        builder.Property(x => x.Title).HasMaxLength(AgreementRules.TitleMaxLength);
        builder.Property(x => x.TerminationReason).HasMaxLength(AgreementRules.ReasonMaxLength);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Commitments).WithOne().HasForeignKey(x => x.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.StreetId, x.Status, x.ValidTo });
        builder.HasIndex(x => x.UnitId);
        builder.ToTable(t => t.HasCheckConstraint("ck_agreement_validity", "\"ValidTo\" >= \"ValidFrom\""));
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> builder)
    {
        builder.Property(x => x.Description).HasMaxLength(AgreementRules.DescriptionMaxLength);
        builder.Property(x => x.Target).HasPrecision(14, 2);
        builder.HasIndex(x => x.AgreementId);
        builder.ToTable(t => t.HasCheckConstraint("ck_commitment_target", "\"Target\" > 0"));
    }
}

internal sealed class AgreementScanConfiguration : IEntityTypeConfiguration<AgreementScan>
{
    public void Configure(EntityTypeBuilder<AgreementScan> builder)
    {
        builder.HasKey(x => x.AgreementId);
        builder.Property(x => x.FileName).HasMaxLength(200);
        builder.Property(x => x.ContentType).HasMaxLength(50);
        builder.Property(x => x.UploadedBy).HasMaxLength(256);
        builder.HasOne<CoBuildingAgreement>().WithOne().HasForeignKey<AgreementScan>(x => x.AgreementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CoBuildingActivityConfiguration : IEntityTypeConfiguration<CoBuildingActivity>
{
    public const string DashboardIndex = "IX_Activities_StreetId_HeldOn_Dashboard";

    public void Configure(EntityTypeBuilder<CoBuildingActivity> builder)
    {
        builder.Property(x => x.Title).HasMaxLength(ActivityRules.TitleMaxLength);
        builder.Property(x => x.Place).HasMaxLength(ActivityRules.PlaceMaxLength);
        builder.Property(x => x.Description).HasMaxLength(ActivityRules.DescriptionMaxLength);
        builder.Property(x => x.ReturnReason).HasMaxLength(ActivityRules.ReasonMaxLength);
        builder.Property(x => x.SubmittedBy).HasMaxLength(256);
        builder.Property(x => x.ReviewedBy).HasMaxLength(256);
        builder.Property(x => x.VolunteerHours).HasPrecision(12, 1);
        builder.Property(x => x.Funds).HasPrecision(14, 2);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Commitment>().WithMany().HasForeignKey(x => x.CommitmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Features.Projects.Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);

        // The ledger and the verification queue: by street, status and date.
        builder.HasIndex(x => new { x.StreetId, x.Status, x.HeldOn });
        builder.HasIndex(x => new { x.UnitId, x.HeldOn });

        // Rule 7: a done need gives its claiming unit one activity, never two.
        builder.HasIndex(x => x.NeedId).IsUnique().HasFilter("\"NeedId\" IS NOT NULL");

        // Rule 7: an accepted project gives each of its units one activity, never two.
        builder.HasIndex(x => new { x.ProjectId, x.UnitId }).IsUnique().HasFilter("\"ProjectId\" IS NOT NULL");

        // Fulfilment sums by commitment (rule 3), up to a date: covering, so the sums are read from the index alone
        // (docs/performance.md, dashboard).
        builder.HasIndex(x => new { x.CommitmentId, x.Status, x.HeldOn })
            .IncludeProperties(x => new { x.VolunteerHours, x.Funds, x.Beneficiaries });

        // The dashboard's year of a street (every status, by month) and the departments' verified activities per street:
        // an index-only range scan instead of reading the street's whole ledger.
        builder.HasIndex(x => new { x.StreetId, x.HeldOn })
            .IncludeProperties(x => new { x.Status, x.VolunteerHours, x.Funds, x.Beneficiaries })
            .HasDatabaseName(DashboardIndex);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_activity_counts", "\"Participants\" >= 1 AND \"PartyMemberParticipants\" >= 0 AND \"PartyMemberParticipants\" <= \"Participants\"");
            t.HasCheckConstraint("ck_activity_amounts", "\"VolunteerHours\" >= 0 AND \"Funds\" >= 0 AND \"Beneficiaries\" >= 0");
        });
    }
}

internal sealed class ActivityPhotoConfiguration : IEntityTypeConfiguration<ActivityPhoto>
{
    public void Configure(EntityTypeBuilder<ActivityPhoto> builder)
    {
        builder.Property(x => x.FileName).HasMaxLength(200);
        builder.Property(x => x.ContentType).HasMaxLength(50);
        builder.HasOne<CoBuildingActivity>().WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.ActivityId);
    }
}
