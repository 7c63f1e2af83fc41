using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyBuilding.Web.Data.Configurations;

internal sealed class EvaluationCampaignConfiguration : IEntityTypeConfiguration<EvaluationCampaign>
{
    public const string YearIndex = "IX_EvaluationCampaigns_StreetId_Year";

    public void Configure(EntityTypeBuilder<EvaluationCampaign> builder)
    {
        builder.Ignore(x => x.Weights);
        builder.Ignore(x => x.Thresholds);
        builder.Property(x => x.ExcellentFrom).HasPrecision(5, 1);
        builder.Property(x => x.GoodFrom).HasPrecision(5, 1);
        builder.Property(x => x.FairFrom).HasPrecision(5, 1);
        builder.Property(x => x.FinalisedBy).HasMaxLength(256);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.StreetId, x.Year }).IsUnique().HasDatabaseName(YearIndex);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_campaign_weights",
                "\"WeightMeetingParticipation\" + \"WeightAgreementFulfilment\" + \"WeightActivity\" + \"WeightResolutionImplementation\" + \"WeightResidentEvaluation\" + \"WeightMemberService\" = 100");
            t.HasCheckConstraint("ck_campaign_window", "\"BallotClosesAt\" > \"BallotOpensAt\"");
        });
    }
}

internal sealed class CampaignUnitConfiguration : IEntityTypeConfiguration<CampaignUnit>
{
    public void Configure(EntityTypeBuilder<CampaignUnit> builder)
    {
        builder.HasKey(x => new { x.CampaignId, x.UnitId });
        builder.HasOne<EvaluationCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.UnitId);
    }
}

internal sealed class BallotCodeConfiguration : IEntityTypeConfiguration<BallotCode>
{
    public void Configure(EntityTypeBuilder<BallotCode> builder)
    {
        builder.Property(x => x.CodeHash).HasMaxLength(32);
        builder.HasOne<EvaluationCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.CodeHash).IsUnique();
        builder.HasIndex(x => x.CampaignId);
    }
}

internal sealed class BallotCodeRedemptionConfiguration : IEntityTypeConfiguration<BallotCodeRedemption>
{
    /// <summary>The constraint that makes a code single-use whatever the application does.</summary>
    public const string PrimaryKey = "PK_BallotCodeRedemptions";

    public void Configure(EntityTypeBuilder<BallotCodeRedemption> builder)
    {
        builder.HasKey(x => x.BallotCodeId).HasName(PrimaryKey);
        builder.HasOne<BallotCode>().WithOne().HasForeignKey<BallotCodeRedemption>(x => x.BallotCodeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.CampaignId);
    }
}

internal sealed class BallotConfiguration : IEntityTypeConfiguration<Ballot>
{
    public const string PaperSerialIndex = "IX_Ballots_CampaignId_PaperSerial";

    public void Configure(EntityTypeBuilder<Ballot> builder)
    {
        builder.Property(x => x.PaperSerial).HasMaxLength(CampaignRules.PaperSerialMaxLength);
        builder.Property(x => x.EnteredBy).HasMaxLength(256);
        builder.HasOne<EvaluationCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Ratings).WithOne().HasForeignKey(x => x.BallotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.CampaignId, x.Channel });
        builder.HasIndex(x => new { x.CampaignId, x.PaperSerial }).IsUnique().HasFilter("\"PaperSerial\" IS NOT NULL").HasDatabaseName(PaperSerialIndex);
        builder.ToTable(t => t.HasCheckConstraint("ck_ballot_paper", "(\"Channel\" = 'Paper') OR (\"PaperSerial\" IS NULL AND \"EnteredBy\" IS NULL)"));
    }
}

internal sealed class BallotRatingConfiguration : IEntityTypeConfiguration<BallotRating>
{
    public void Configure(EntityTypeBuilder<BallotRating> builder)
    {
        builder.HasKey(x => new { x.BallotId, x.UnitId });
        builder.Property(x => x.Comment).HasMaxLength(CampaignRules.CommentMaxLength);
        builder.HasIndex(x => new { x.CampaignId, x.UnitId });
    }
}

internal sealed class AssessmentAdjustmentConfiguration : IEntityTypeConfiguration<AssessmentAdjustment>
{
    public void Configure(EntityTypeBuilder<AssessmentAdjustment> builder)
    {
        builder.Property(x => x.Delta).HasPrecision(5, 1);
        builder.Property(x => x.Reason).HasMaxLength(CampaignRules.ReasonMaxLength);
        builder.Property(x => x.AdjustedBy).HasMaxLength(256);
        builder.HasOne<EvaluationCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CampaignId, x.UnitId }).IsUnique();
    }
}

internal sealed class UnitAssessmentConfiguration : IEntityTypeConfiguration<UnitAssessment>
{
    public void Configure(EntityTypeBuilder<UnitAssessment> builder)
    {
        builder.Property(x => x.UnitName).HasMaxLength(200);
        foreach (var p in new[] { nameof(UnitAssessment.MeetingParticipation), nameof(UnitAssessment.AgreementFulfilment), nameof(UnitAssessment.Activity),
                     nameof(UnitAssessment.ResolutionImplementation), nameof(UnitAssessment.ResidentEvaluation), nameof(UnitAssessment.MemberService), nameof(UnitAssessment.Adjustment), nameof(UnitAssessment.Total) })
        {
            builder.Property(p).HasPrecision(6, 1);
        }

        builder.Property(x => x.MeanFulfilment).HasPrecision(9, 6);
        builder.Property(x => x.AdjustmentReason).HasMaxLength(CampaignRules.ReasonMaxLength);
        builder.HasOne<EvaluationCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.CampaignId, x.UnitId }).IsUnique();
        builder.HasIndex(x => x.UnitId);
    }
}
