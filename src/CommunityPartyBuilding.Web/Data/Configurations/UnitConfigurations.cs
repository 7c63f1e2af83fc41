using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyBuilding.Web.Data.Configurations;

internal sealed class MemberUnitConfiguration : IEntityTypeConfiguration<MemberUnit>
{
    public const string CreditCodeIndex = "IX_MemberUnits_StreetId_CreditCode";

    public const string CreditCodePrefixIndex = "IX_MemberUnits_StreetId_CreditCode_Pattern";

    public void Configure(EntityTypeBuilder<MemberUnit> builder)
    {
        // Chinese names sort by pinyin (ICU), as people expect in a list, not by code point.
        builder.Property(x => x.Name).HasMaxLength(UnitRules.NameMaxLength).UseCollation(PortalDbContext.ChineseCollation);
        builder.Property(x => x.CreditCode).HasMaxLength(CreditCode.Length).IsFixedLength();
        builder.Property(x => x.PartyOrganisationName).HasMaxLength(UnitRules.NameMaxLength);
        builder.Property(x => x.Address).HasMaxLength(UnitRules.AddressMaxLength);
        builder.Property(x => x.ContactPerson).HasMaxLength(UnitRules.PersonMaxLength);
        builder.Property(x => x.ContactPhone).HasMaxLength(30);
        builder.Property(x => x.WithdrawalReason).HasMaxLength(UnitRules.ReasonMaxLength);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(x => x.CommunityId).OnDelete(DeleteBehavior.Restrict);

        // Uniqueness of the credit code within a street is the database's job, not only the handler's.
        builder.HasIndex(x => new { x.StreetId, x.CreditCode }).IsUnique().HasDatabaseName(CreditCodeIndex);

        // The unit grid: filter by street and status, order by name; search by name fragments (trigram).
        builder.HasIndex(x => new { x.StreetId, x.Status, x.Name });
        builder.HasIndex(x => x.Name).HasMethod("gin").HasOperators("gin_trgm_ops");

        // The grid's search is "Name ILIKE '%term%' OR CreditCode LIKE 'TERM%'". Outside the C collation only a
        // pattern_ops btree serves a prefix LIKE; without one the OR cannot use any index, the trigram index above
        // included, and every search reads the whole street (docs/performance.md).
        builder.HasIndex(x => new { x.StreetId, x.CreditCode }, CreditCodePrefixIndex).HasOperators("uuid_ops", "bpchar_pattern_ops");
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_unit_party_members", "\"PartyMemberCount\" >= 0");
            t.HasCheckConstraint("ck_unit_withdrawal", "(\"Status\" = 'Withdrawn') = (\"WithdrawnOn\" IS NOT NULL)");
        });
    }
}

internal sealed class CommitteeMemberConfiguration : IEntityTypeConfiguration<CommitteeMember>
{
    public void Configure(EntityTypeBuilder<CommitteeMember> builder)
    {
        builder.Property(x => x.PersonName).HasMaxLength(UnitRules.PersonMaxLength);
        builder.Property(x => x.Version).IsRowVersion();
        builder.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MemberUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.StreetId, x.TermEnd });
        builder.ToTable(t => t.HasCheckConstraint("ck_member_term", "\"TermEnd\" >= \"TermStart\""));
    }
}
