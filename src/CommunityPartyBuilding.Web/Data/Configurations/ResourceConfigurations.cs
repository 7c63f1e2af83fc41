using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Resources;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyBuilding.Web.Data.Configurations;

internal sealed class UnitResourceConfiguration : IEntityTypeConfiguration<UnitResource>
{
    public void Configure(EntityTypeBuilder<UnitResource> builder)
    {
        builder.Property(x => x.Title).HasMaxLength(ResourceRules.TitleMaxLength).UseCollation(PortalDbContext.ChineseCollation);
        builder.Property(x => x.Description).HasMaxLength(ResourceRules.DescriptionMaxLength);
        builder.Property(x => x.Availability).HasMaxLength(ResourceRules.AvailabilityMaxLength);
        builder.Property(x => x.Capacity).HasPrecision(14, 2);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);

        // The unit's page lists its resources; the street's list and matching filter by status and kind, and by
        // community through the array (a GIN index serves "CommunityIds @> {id}").
        builder.HasIndex(x => x.UnitId);
        builder.HasIndex(x => new { x.StreetId, x.Status, x.Kind });
        builder.HasIndex(x => x.CommunityIds).HasMethod("gin");
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_resource_capacity", "\"Capacity\" IS NULL OR (\"Capacity\" > 0 AND \"Measure\" IS NOT NULL)");
            t.HasCheckConstraint("ck_resource_withdrawal", "(\"Status\" = 'Withdrawn') = (\"WithdrawnAt\" IS NOT NULL)");
        });
    }
}
