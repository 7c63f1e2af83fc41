using System.Globalization;
using System.Resources;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.UnitTests.Infrastructure;

/// <summary>Issue 15, item 2: the audit log speaks the reader's language for every record type it can hold.</summary>
public class AuditLabelTests
{
    private static readonly ResourceManager Strings = new("CommunityPartyBuilding.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    [Fact]
    public void Every_audited_record_type_field_and_enum_value_has_a_display_name_in_both_languages()
    {
        using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql("Host=unused").Options);
        var chinese = Strings.GetResourceSet(CultureInfo.InvariantCulture, true, true)!;
        var english = Strings.GetResourceSet(new CultureInfo("en"), true, false)!;
        var missing = new SortedSet<string>(StringComparer.Ordinal);

        void Need(string key)
        {
            if (chinese.GetString(key) is null || english.GetString(key) is null)
            {
                missing.Add(key);
            }
        }

        foreach (var entityType in db.Model.GetEntityTypes().Where(t => typeof(IAuditable).IsAssignableFrom(t.ClrType) && !t.IsOwned()))
        {
            Need("Entity." + entityType.ClrType.Name);
            foreach (var property in entityType.GetProperties())
            {
                if (property.IsShadowProperty() || property.IsPrimaryKey() || AuditInterceptor.Excluded.Contains(property.Name))
                {
                    continue;
                }

                Need("Property." + property.Name);
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type.IsEnum)
                {
                    foreach (var name in Enum.GetNames(type))
                    {
                        Need(AuditPresenter.EnumKey(type, name));
                    }
                }
            }
        }

        foreach (var action in Enum.GetNames<AuditAction>())
        {
            Need("Audit.Action." + action);
        }

        Assert.True(missing.Count == 0, "Missing in strings.tsv: " + string.Join(", ", missing));
    }

    [Fact]
    public void A_list_is_recorded_as_its_items_and_read_back()
    {
        var first = Guid.Parse("0193a0b0-0000-7000-8000-000000000001");
        var second = Guid.Parse("0193a0b0-0000-7000-8000-000000000002");
        var stored = AuditInterceptor.Format(new List<Guid> { first, second });
        Assert.DoesNotContain("System.Collections", stored, StringComparison.Ordinal);
        Assert.Equal([first.ToString(), second.ToString()], AuditInterceptor.ParseList(stored)!);

        var agenda = AuditInterceptor.Format(new List<string> { "听取汇报", "研究部署" });
        Assert.Equal(["听取汇报", "研究部署"], AuditInterceptor.ParseList(agenda)!);
        Assert.Equal("[]", AuditInterceptor.Format(new List<Guid>()));

        // Text is never taken for a list, and a byte array stays a size.
        Assert.Equal("文本", AuditInterceptor.Format("文本"));
        Assert.Null(AuditInterceptor.ParseList("文本"));
        Assert.Equal("(3 bytes)", AuditInterceptor.Format(new byte[3]));
    }
}
