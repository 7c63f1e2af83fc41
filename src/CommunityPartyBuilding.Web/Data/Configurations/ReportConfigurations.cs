using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyBuilding.Web.Data.Configurations;

internal sealed class IssuedReportConfiguration : IEntityTypeConfiguration<IssuedReport>
{
    public void Configure(EntityTypeBuilder<IssuedReport> builder)
    {
        builder.Property(x => x.Title).HasMaxLength(300);
        builder.Property(x => x.FileName).HasMaxLength(300);
        builder.Property(x => x.VerificationCode).HasMaxLength(VerificationCodes.Length).IsFixedLength();
        builder.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(x => x.IssuedByUserId).HasMaxLength(450);
        builder.Property(x => x.IssuedByName).HasMaxLength(256);
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrganisationDepartment>().WithMany().HasForeignKey(x => x.OrganisationDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.VerificationCode).IsUnique();
        builder.HasIndex(x => x.Sha256);
        builder.HasIndex(x => new { x.Kind, x.SubjectId });
        builder.Property(x => x.CopyOf).HasMaxLength(120);
        builder.Property(x => x.Edition).HasMaxLength(40);
        builder.HasIndex(x => x.CopyOf).IsUnique().HasFilter("\"CopyOf\" IS NOT NULL AND \"SupersededAt\" IS NULL").HasDatabaseName("IX_IssuedReports_CopyOf_Current");
        builder.HasOne<IssuedReport>().WithMany().HasForeignKey(x => x.SupersededById).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_issued_report_code", "\"VerificationCode\" ~ '^[2-9A-HJKMNP-Z]{8}$'"));
    }
}

internal sealed class IssuedReportContentConfiguration : IEntityTypeConfiguration<IssuedReportContent>
{
    public void Configure(EntityTypeBuilder<IssuedReportContent> builder)
    {
        builder.HasKey(x => x.IssuedReportId);
        builder.HasOne<IssuedReport>().WithOne().HasForeignKey<IssuedReportContent>(x => x.IssuedReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
