using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyBuilding.Web.Data.Configurations;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.Property(x => x.Title).HasMaxLength(MeetingInputRules.TitleMaxLength);
        builder.Property(x => x.Place).HasMaxLength(MeetingInputRules.PlaceMaxLength);
        builder.Property(x => x.Convener).HasMaxLength(MeetingInputRules.PersonMaxLength);
        builder.Property(x => x.Minutes).HasMaxLength(MeetingInputRules.MinutesMaxLength);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.StreetId, x.MeetingDate });
    }
}

internal sealed class MeetingAttendanceConfiguration : IEntityTypeConfiguration<MeetingAttendance>
{
    public void Configure(EntityTypeBuilder<MeetingAttendance> builder)
    {
        builder.Property(x => x.ReplyNote).HasMaxLength(MeetingInputRules.NoteMaxLength);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.MeetingId, x.UnitId }).IsUnique();
        builder.HasIndex(x => x.UnitId);
    }
}

internal sealed class ResolutionConfiguration : IEntityTypeConfiguration<Resolution>
{
    /// <summary>One number per street and year: two concurrent saves cannot both take the same one.</summary>
    public const string NumberIndex = "IX_Resolutions_StreetId_Year_Sequence";

    public void Configure(EntityTypeBuilder<Resolution> builder)
    {
        builder.Property(x => x.Number).HasMaxLength(40);
        builder.Property(x => x.Title).HasMaxLength(MeetingInputRules.TitleMaxLength);
        builder.Property(x => x.Content).HasMaxLength(MeetingInputRules.MinutesMaxLength);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.StreetId, x.Year, x.Sequence }).IsUnique().HasDatabaseName(NumberIndex);
        builder.HasIndex(x => new { x.StreetId, x.Deadline });
        builder.HasIndex(x => x.CooperatingUnitIds).HasMethod("gin");
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_resolution_votes", "\"VotesFor\" >= 0 AND \"VotesAgainst\" >= 0 AND \"VotesAbstain\" >= 0");
            t.HasCheckConstraint("ck_resolution_percent", "\"Percent\" BETWEEN 0 AND 100");
            t.HasCheckConstraint("ck_resolution_completed", "(\"Status\" = 'Completed') = (\"CompletedOn\" IS NOT NULL)");
        });
    }
}

internal sealed class ResolutionProgressConfiguration : IEntityTypeConfiguration<ResolutionProgress>
{
    public void Configure(EntityTypeBuilder<ResolutionProgress> builder)
    {
        builder.Property(x => x.Text).HasMaxLength(MeetingInputRules.NoteMaxLength);
        builder.Property(x => x.PostedBy).HasMaxLength(256);
        builder.HasOne<Resolution>().WithMany().HasForeignKey(x => x.ResolutionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.ResolutionId, x.PostedAt });
        builder.ToTable(t => t.HasCheckConstraint("ck_progress_percent", "\"Percent\" BETWEEN 0 AND 100"));
    }
}

internal sealed class ResolutionAttachmentConfiguration : IEntityTypeConfiguration<ResolutionAttachment>
{
    public void Configure(EntityTypeBuilder<ResolutionAttachment> builder)
    {
        builder.Property(x => x.FileName).HasMaxLength(200);
        builder.Property(x => x.ContentType).HasMaxLength(50);
        builder.HasOne<ResolutionProgress>().WithMany().HasForeignKey(x => x.ProgressId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.ProgressId);
        builder.HasIndex(x => x.ResolutionId);
    }
}
