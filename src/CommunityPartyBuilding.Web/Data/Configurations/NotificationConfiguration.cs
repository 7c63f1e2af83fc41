using CommunityPartyBuilding.Web.Features.Account;
using CommunityPartyBuilding.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommunityPartyBuilding.Web.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    /// <summary>One notification per person, item and day: the reminder pass inserts with ON CONFLICT on this index.</summary>
    public const string OncePerDayIndex = "IX_Notifications_RecipientUserId_ItemKey_Day";

    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(x => x.ItemKey).HasMaxLength(200);
        builder.Property(x => x.LinkUrl).HasMaxLength(400);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.RecipientUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.RecipientUserId, x.ItemKey, x.Day }).IsUnique().HasDatabaseName(OncePerDayIndex);

        // The bell: newest first per person, and the unread count from a small partial index.
        builder.HasIndex(x => new { x.RecipientUserId, x.CreatedAt });
        builder.HasIndex(x => x.RecipientUserId).HasFilter("\"ReadAt\" IS NULL").HasDatabaseName("IX_Notifications_RecipientUserId_Unread");
    }
}
