using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Committees;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyBuilding.Web.Data.Configurations;

internal sealed class OrganisationDepartmentConfiguration : IEntityTypeConfiguration<OrganisationDepartment>
{
    public void Configure(EntityTypeBuilder<OrganisationDepartment> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.Property(x => x.Region).HasMaxLength(100);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class StreetConfiguration : IEntityTypeConfiguration<Street>
{
    public void Configure(EntityTypeBuilder<Street> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasIndex(x => new { x.OrganisationDepartmentId, x.Name }).IsUnique();
        builder.HasOne(x => x.OrganisationDepartment).WithMany(x => x.Streets)
            .HasForeignKey(x => x.OrganisationDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(x => x.Committee).WithOne()
            .HasForeignKey<StreetCommittee>(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Communities).WithOne()
            .HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommunityConfiguration : IEntityTypeConfiguration<Community>
{
    public void Configure(EntityTypeBuilder<Community> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasIndex(x => new { x.StreetId, x.Name }).IsUnique();
    }
}

internal sealed class StreetCommitteeConfiguration : IEntityTypeConfiguration<StreetCommittee>
{
    public void Configure(EntityTypeBuilder<StreetCommittee> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(CommitteeRules.NameMaxLength);
        builder.Property(x => x.Secretary).HasMaxLength(CommitteeRules.SecretaryMaxLength);
        builder.Property(x => x.DeliberationRules).HasMaxLength(CommitteeRules.DeliberationRulesMaxLength);
        builder.Property(x => x.QuorumFraction).HasPrecision(5, 4);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasIndex(x => x.StreetId).IsUnique();
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_committee_quorum", "\"QuorumFraction\" > 0 AND \"QuorumFraction\" < 1");
            t.HasCheckConstraint("ck_committee_meetings", "\"MinimumJointMeetingsPerQuarter\" >= 1");
            t.HasCheckConstraint("ck_committee_activity_target", "\"AnnualActivityTarget\" >= 1");
        });
    }
}
