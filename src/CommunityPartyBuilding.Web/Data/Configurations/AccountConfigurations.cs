using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyBuilding.Web.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(x => x.DisplayName).HasMaxLength(100);
        builder.HasOne<OrganisationDepartment>().WithMany()
            .HasForeignKey(x => x.OrganisationDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Street>().WithMany()
            .HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(x => x.JobTitle).HasMaxLength(50);
        builder.HasOne<Features.Units.MemberUnit>().WithMany()
            .HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany()
            .HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.StreetId);
        builder.HasIndex(x => x.UnitId);
        builder.HasIndex(x => x.CommunityId);

        // Community staff have a community; nobody else has one.
        builder.ToTable(t =>
        {
            // Community staff work in a community, members live in one.
            t.HasCheckConstraint("ck_user_community", "(\"Role\" IN ('CommunityStaff', 'PartyMember')) = (\"CommunityId\" IS NOT NULL)");
            t.HasCheckConstraint("ck_user_member", "(\"Role\" = 'PartyMember') = (\"MemberRegistrationId\" IS NOT NULL)");
        });
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(x => x.TokenHash).HasMaxLength(32);
        builder.HasIndex(x => x.TokenHash).IsUnique();
        builder.HasIndex(x => x.UserId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(x => x.UserId).HasMaxLength(450);
        builder.Property(x => x.UserName).HasMaxLength(256);
        builder.Property(x => x.EntityType).HasMaxLength(100);
        builder.Property(x => x.EntityId).HasMaxLength(100);
        builder.Property(x => x.Changes).HasColumnType("jsonb");
        builder.HasIndex(x => new { x.StreetId, x.OccurredAt });
        builder.HasIndex(x => x.OccurredAt);
        builder.HasIndex(x => new { x.EntityType, x.EntityId });
    }
}
