using System.Globalization;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Resources;
using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.Web.Features.Units;

/// <summary>The member-unit spreadsheet: its columns, the template, the export and the all-or-nothing import.</summary>
public static class UnitSheet
{
    public const long MaxFileBytes = 5 * 1024 * 1024;
    public const int MaxRows = 20_000;

    public const string Name = "单位名称";
    public const string Code = "统一社会信用代码";
    public const string Category = "单位类别";
    public const string PartyName = "党组织名称";
    public const string PartyType = "党组织类型";
    public const string Members = "党员人数";
    public const string Address = "单位地址";
    public const string Community = "所属社区";
    public const string Contact = "联系人";
    public const string Phone = "联系电话";
    public const string Joined = "加入日期";
    public const string Resources = "可提供资源";
    public const string Notes = "资源说明";
    public const string Status = "状态";
    public const string WithdrawnOn = "退出日期";
    public const string WithdrawalReason = "退出原因";

    public static readonly string[] ImportColumns = [Name, Code, Category, PartyName, PartyType, Members, Address, Community, Contact, Phone, Joined, Resources, Notes];

    public static readonly string[] RequiredColumns = [Name, Code, Category, PartyName, PartyType, Members, Contact, Phone, Joined];

    public static readonly SheetLimits Limits = new(MaxFileBytes, MaxRows, RequiredColumns);

    /// <summary>Which column a validation failure of <see cref="UnitRules"/> belongs to.</summary>
    public static readonly IReadOnlyDictionary<string, string> ColumnOfField = new Dictionary<string, string>
    {
        [nameof(UnitInput.Name)] = Name,
        [nameof(UnitInput.CreditCode)] = Code,
        [nameof(UnitInput.Category)] = Category,
        [nameof(UnitInput.PartyOrganisationName)] = PartyName,
        [nameof(UnitInput.PartyOrganisationType)] = PartyType,
        [nameof(UnitInput.PartyMemberCount)] = Members,
        [nameof(UnitInput.Address)] = Address,
        [nameof(UnitInput.CommunityId)] = Community,
        [nameof(UnitInput.ContactPerson)] = Contact,
        [nameof(UnitInput.ContactPhone)] = Phone,
        [nameof(UnitInput.JoinedOn)] = Joined,
    };

    public static byte[] Write(IEnumerable<IDictionary<string, object?>> rows) => SheetUpload.Write(rows, "成员单位");

    /// <summary>A well-formed sample code (its check character computed, not typed).</summary>
    public static readonly string SampleCreditCode = "12330100MB1234567" + CreditCode.CheckCharacter("12330100MB1234567");

    public static byte[] Template() => Write(
    [
        new Dictionary<string, object?>
        {
            [Name] = "示例：东湖区第一实验小学",
            [Code] = SampleCreditCode,
            [Category] = "学校",
            [PartyName] = "东湖区第一实验小学党支部",
            [PartyType] = "党支部",
            [Members] = 28,
            [Address] = "东湖路18号",
            [Community] = "东湖社区",
            [Contact] = "张老师",
            [Phone] = "13800138000",
            [Joined] = "2024-03-01",
            [Resources] = "场地、志愿者",
            [Notes] = "操场和多功能厅周末可借用；教师志愿者20人",
        },
    ]);

    /// <summary>A unit's row; <paramref name="resources"/> are its active resources (kinds in one cell, titles in the next).</summary>
    public static IDictionary<string, object?> ExportRow(UnitDto u, IReadOnlyCollection<(ResourceKind Kind, string Title)> resources) => new Dictionary<string, object?>
    {
        [Name] = u.Name,
        [Code] = u.CreditCode,
        [Category] = UnitLabels.Categories[u.Category],
        [PartyName] = u.PartyOrganisationName,
        [PartyType] = UnitLabels.PartyTypes[u.PartyOrganisationType],
        [Members] = u.PartyMemberCount,
        [Address] = u.Address,
        [Community] = u.CommunityName ?? "",
        [Contact] = u.ContactPerson,
        [Phone] = u.ContactPhone,
        [Joined] = u.JoinedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [Resources] = UnitLabels.FormatResources(resources.Select(r => r.Kind)),
        [Notes] = string.Join("；", resources.Select(r => r.Title)),
        [Status] = u.Status == UnitStatus.Active ? "在册" : "已退出",
        [WithdrawnOn] = u.WithdrawnOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        [WithdrawalReason] = u.WithdrawalReason ?? "",
    };

    /// <summary>Dates as people type them: an Excel date, 2026-03-31, 2026/3/31, 2026.3.31 or 2026年3月31日.</summary>
    public static bool TryParseDate(object? value, out DateOnly date)
    {
        switch (value)
        {
            case DateTime dt:
                date = DateOnly.FromDateTime(dt);
                return true;
            case double serial when serial is > 0 and < 2958466:
                date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
                return true;
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
        text = text.Replace('年', '-').Replace('月', '-').Replace("日", "", StringComparison.Ordinal).Replace('/', '-').Replace('.', '-');
        // Year first only: "4/3/2026" is ambiguous and is refused rather than guessed.
        return DateOnly.TryParseExact(text, ["yyyy-M-d", "yyyy-MM-dd", "yyyy-M-d H:mm:ss", "yyyy-M-d HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    public static string Text(object? value) => SheetUpload.Text(value);
}

public sealed class ExportUnits(GetUnits getUnits, IDbContextFactory<PortalDbContext> dbFactory) : IHandler
{
    public async Task<byte[]> HandleAsync(Guid streetId, UnitQuery query, CancellationToken ct = default)
    {
        // GetUnits checks the scope; the resources are read for the units it returned, nothing more.
        var units = await getUnits.AllAsync(streetId, query, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resources = (await db.UnitResources.AsNoTracking()
                .Where(r => r.StreetId == streetId && r.Status == ResourceStatus.Active)
                .OrderBy(ResourceQueries.KindRank).ThenBy(r => r.Title)
                .Select(r => new { r.UnitId, r.Kind, r.Title })
                .ToListAsync(ct))
            .ToLookup(r => r.UnitId, r => (r.Kind, r.Title));
        return UnitSheet.Write(units.Select(u => UnitSheet.ExportRow(u, resources[u.Id].ToList())));
    }
}

/// <summary>
/// Imports a street's units from xlsx: every row is checked (required fields, credit code, duplicates in the file and
/// against the street, Chinese category names, dates); if any row is wrong nothing is imported.
/// </summary>
public sealed class ImportUnits(
    IDbContextFactory<PortalDbContext> dbFactory,
    ScopeGuard scope,
    BusinessCalendar calendar,
    IStringLocalizer<SharedResource> localizer) : IHandler
{
    public async Task<ImportResult> HandleAsync(Guid streetId, Stream file, long length, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanManageStreetAsync(db, streetId, ct);

        var rows = await SheetUpload.ReadAsync(file, length, UnitSheet.Limits, ct);

        var communities = await db.Communities.AsNoTracking().Where(c => c.StreetId == streetId).ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        var existingCodes = (await db.MemberUnits.AsNoTracking().Where(u => u.StreetId == streetId).Select(u => u.CreditCode).ToListAsync(ct)).ToHashSet();
        var today = calendar.Today;
        var errors = new List<ImportError>();
        var inputs = new List<(UnitInput Unit, IReadOnlyList<ResourceInput> Resources)>();
        var codesInFile = new Dictionary<string, int>();

        for (var i = 0; i < rows.Count; i++)
        {
            var rowNumber = rows[i].Number;
            var row = rows[i];
            var cell = (string column) => row[column];
            void Error(string column, string key, params object[] args) =>
                errors.Add(new ImportError(rowNumber, column, localizer[key, args.Select(a => a is string s && s.StartsWith("Field.", StringComparison.Ordinal) ? localizer[s].Value : a).ToArray()], key));

            var categoryText = UnitSheet.Text(cell(UnitSheet.Category));
            if (!UnitLabels.TryParseCategory(categoryText, out var category))
            {
                Error(UnitSheet.Category, string.IsNullOrEmpty(categoryText) ? "Import.Required" : "Import.UnknownCategory", categoryText);
                category = (UnitCategory)(-1);
            }

            var typeText = UnitSheet.Text(cell(UnitSheet.PartyType));
            if (!UnitLabels.TryParsePartyType(typeText, out var partyType))
            {
                Error(UnitSheet.PartyType, string.IsNullOrEmpty(typeText) ? "Import.Required" : "Import.UnknownPartyType", typeText);
                partyType = (PartyOrganisationType)(-1);
            }

            var membersText = UnitSheet.Text(cell(UnitSheet.Members));
            var members = 0;
            if (!int.TryParse(membersText, NumberStyles.Integer, CultureInfo.InvariantCulture, out members)
                && !(double.TryParse(membersText, NumberStyles.Float, CultureInfo.InvariantCulture, out var asDouble) && asDouble == Math.Floor(asDouble) && (members = (int)asDouble) == asDouble))
            {
                Error(UnitSheet.Members, string.IsNullOrEmpty(membersText) ? "Import.Required" : "Import.NotAWholeNumber", membersText);
                members = 0;
            }

            var joinedCell = cell(UnitSheet.Joined);
            var joinedOn = default(DateOnly);
            if (!UnitSheet.TryParseDate(joinedCell, out joinedOn))
            {
                var text = UnitSheet.Text(joinedCell);
                Error(UnitSheet.Joined, string.IsNullOrEmpty(text) ? "Import.Required" : "Import.NotADate", text);
                joinedOn = today;
            }

            Guid? communityId = null;
            var communityText = UnitSheet.Text(cell(UnitSheet.Community));
            if (communityText.Length > 0)
            {
                if (communities.TryGetValue(communityText, out var found))
                {
                    communityId = found;
                }
                else
                {
                    Error(UnitSheet.Community, "Import.UnknownCommunity", communityText);
                }
            }

            var resourcesText = UnitSheet.Text(cell(UnitSheet.Resources));
            var notes = UnitSheet.Text(cell(UnitSheet.Notes));
            if (!UnitLabels.TryParseResources(resourcesText, out var resources))
            {
                Error(UnitSheet.Resources, "Import.UnknownResources", resourcesText);
            }
            else if (resources.Count == 0 && notes.Length > 0)
            {
                Error(UnitSheet.Notes, "Import.NotesWithoutResources");
            }

            if (notes.Length > ResourceRules.DescriptionMaxLength)
            {
                Error(UnitSheet.Notes, "Validation.MaxLength", "Field.Resource.Description", ResourceRules.DescriptionMaxLength);
            }

            var input = new UnitInput
            {
                Name = UnitSheet.Text(cell(UnitSheet.Name)),
                CreditCode = UnitSheet.Text(cell(UnitSheet.Code)),
                Category = Enum.IsDefined(category) ? category : UnitCategory.Other,
                PartyOrganisationName = UnitSheet.Text(cell(UnitSheet.PartyName)),
                PartyOrganisationType = Enum.IsDefined(partyType) ? partyType : PartyOrganisationType.Branch,
                PartyMemberCount = members,
                Address = UnitSheet.Text(cell(UnitSheet.Address)),
                CommunityId = communityId,
                ContactPerson = UnitSheet.Text(cell(UnitSheet.Contact)),
                ContactPhone = UnitSheet.Text(cell(UnitSheet.Phone)),
                JoinedOn = joinedOn,
            };

            foreach (var failure in UnitRules.Validate(input, today))
            {
                errors.Add(new ImportError(rowNumber, UnitSheet.ColumnOfField.GetValueOrDefault(failure.Field, failure.Field), ProblemResponses.Localize(failure, localizer), failure.MessageKey));
            }

            var code = CreditCode.Normalise(input.CreditCode);
            if (CreditCode.Check(code).IsValid)
            {
                if (codesInFile.TryGetValue(code, out var firstRow))
                {
                    Error(UnitSheet.Code, "Import.DuplicateInFile", code, firstRow);
                }
                else
                {
                    codesInFile[code] = rowNumber;
                    if (existingCodes.Contains(code))
                    {
                        Error(UnitSheet.Code, "Validation.DuplicateCreditCode", code);
                    }
                }
            }

            inputs.Add((input, ResourceRules.FromKinds(resources, notes, communityId)));
        }

        if (errors.Count > 0)
        {
            return new ImportResult(0, errors.OrderBy(e => e.Row).ThenBy(e => Array.IndexOf(UnitSheet.ImportColumns, e.Column)).ToList());
        }

        // Each unit with the resources its row lists (资源清单), in the one transaction of SaveChanges.
        foreach (var (input, resourceInputs) in inputs)
        {
            var unit = new MemberUnit { StreetId = streetId, Name = "", CreditCode = "" };
            SaveUnit.Apply(unit, input);
            db.MemberUnits.Add(unit);
            foreach (var resourceInput in resourceInputs)
            {
                var resource = new UnitResource { StreetId = streetId, UnitId = unit.Id, Title = "" };
                ResourceWrites.Apply(resource, resourceInput);
                db.UnitResources.Add(resource);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone registered one of these codes while the file was being checked: nothing was imported.
            throw new PortalConflictException("Import.ConcurrentDuplicate");
        }

        return new ImportResult(inputs.Count, []);
    }
}
