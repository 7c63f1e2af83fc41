using System.Globalization;
using System.Text.Json;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>A member unit as the sheet may name it: by name or by its credit code.</summary>
public sealed record MemberSheetUnit(Guid Id, string Name, string CreditCode);

/// <summary>
/// What the rows of a member sheet are checked against: the street's communities by name, the community the importer is
/// limited to (community staff), the street's active member units, the mobiles already registered (pending or registered)
/// in the street and the e-mail addresses of the sheet that existing accounts use (as <see cref="MemberSheet.EmailKey"/>).
/// </summary>
public sealed record MemberSheetContext(
    IReadOnlyDictionary<string, Guid> Communities,
    Guid? OnlyCommunityId,
    IReadOnlyList<MemberSheetUnit> Units,
    IReadOnlySet<string> RegisteredPhones,
    IReadOnlySet<string> TakenEmails);

/// <summary>A checked row: everything a registration needs, the phone normalised, the employer resolved.</summary>
public sealed record ImportedMember(
    int Row,
    string Name,
    string Phone,
    string Email,
    Guid? EmployerUnitId,
    string EmployerName,
    string EmployerPartyOrganisation,
    Guid CommunityId,
    string Building);

/// <summary>One problem of one row: the row, the column header, the API field and the message (key and arguments).</summary>
public sealed record SheetError(int Row, string Column, string Field, ValidationFailure Failure);

public sealed record MemberSheetCheck(IReadOnlyList<ImportedMember> Members, IReadOnlyList<SheetError> Errors);

/// <summary>
/// The in-service member spreadsheet (批量登记): its columns, the checks of its rows (the public registration's rules of
/// <see cref="MemberRules"/>, plus duplicates within the sheet, the street's communities and units), the template and the
/// export's rows. Plain functions: the handler gathers the context, these decide.
/// </summary>
public static class MemberSheet
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>A community registers a few hundred members; a street a few thousand over years, in several sheets.</summary>
    public const int MaxRows = 2_000;

    public const string Name = "姓名";
    public const string Phone = "手机号";
    public const string Email = "电子邮箱";
    public const string Employer = "工作单位";
    public const string PartyOrganisation = "所在党组织";
    public const string Community = "居住社区";
    public const string Building = "居住楼栋";

    public const string Status = "状态";
    public const string RegisteredOn = "报到日期";
    public const string SubmittedOn = "提交日期";
    public const string Source = "登记方式";
    public const string EmployerKind = "单位类型";
    public const string Hours = "本年服务时长（小时）";

    public const string SheetName = "在职党员";

    public static readonly string[] ImportColumns = [Name, Phone, Email, Employer, PartyOrganisation, Community, Building];

    /// <summary>The community column may be left out of a community's own sheet: its rows are that community's.</summary>
    public static SheetLimits Limits(bool forCommunity) =>
        new(MaxFileBytes, MaxRows, forCommunity ? ImportColumns.Where(c => c != Community).ToArray() : ImportColumns);

    /// <summary>Which column a failure of <see cref="MemberRules.Validate(RegistrationInput, bool)"/> belongs to.</summary>
    public static readonly IReadOnlyDictionary<string, string> ColumnOfField = new Dictionary<string, string>
    {
        [nameof(RegistrationInput.Name)] = Name,
        [nameof(RegistrationInput.Phone)] = Phone,
        [nameof(RegistrationInput.Email)] = Email,
        [nameof(RegistrationInput.EmployerName)] = Employer,
        [nameof(RegistrationInput.EmployerUnitId)] = Employer,
        [nameof(RegistrationInput.EmployerPartyOrganisation)] = PartyOrganisation,
        [nameof(RegistrationInput.CommunityId)] = Community,
        [nameof(RegistrationInput.Building)] = Building,
    };

    /// <summary>The API field of a column (the first field that maps to it).</summary>
    public static string FieldOfColumn(string column) =>
        ColumnOfField.FirstOrDefault(p => p.Value == column).Key ?? column;

    /// <summary>An e-mail address as accounts are looked up (Identity's normaliser: Unicode form C, upper case).</summary>
    public static string EmailKey(string email) => email.Trim().Normalize().ToUpperInvariant();

    /// <summary>
    /// Checks every row; the members come back only when no row has a problem (all or nothing). The employer cell names a
    /// member unit of the street by its name or its credit code (a well-formed code that no unit of the street has is an
    /// error), anything else is taken as a unit outside the street.
    /// </summary>
    public static MemberSheetCheck Check(IEnumerable<SheetRow> rows, MemberSheetContext context)
    {
        var errors = new List<SheetError>();
        var members = new List<ImportedMember>();
        var phones = new Dictionary<string, int>(StringComparer.Ordinal);
        var emails = new Dictionary<string, int>(StringComparer.Ordinal);
        var unitsByCode = context.Units.GroupBy(u => u.CreditCode).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var unitsByName = context.Units.GroupBy(u => u.Name.Trim()).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        foreach (var row in rows)
        {
            var before = errors.Count;
            void Error(string field, string key, params object[] args) =>
                errors.Add(new SheetError(row.Number, ColumnOfField[field], field, new ValidationFailure(field, key, args)));

            Guid? communityId = null;
            var communityText = row.Text(Community);
            if (communityText.Length == 0)
            {
                communityId = context.OnlyCommunityId;
                if (communityId is null)
                {
                    Error(nameof(RegistrationInput.CommunityId), "Import.Required");
                }
            }
            else if (!context.Communities.TryGetValue(communityText, out var found))
            {
                Error(nameof(RegistrationInput.CommunityId), "Import.UnknownCommunity", communityText);
            }
            else if (context.OnlyCommunityId is { } only && found != only)
            {
                Error(nameof(RegistrationInput.CommunityId), "Import.OtherCommunity", communityText);
            }
            else
            {
                communityId = found;
            }

            var employerText = row.Text(Employer);
            MemberSheetUnit? unit = null;
            var code = CreditCode.Normalise(employerText);
            if (CreditCode.Check(code).IsValid)
            {
                if (!unitsByCode.TryGetValue(code, out unit))
                {
                    Error(nameof(RegistrationInput.EmployerName), "Import.UnknownUnitCode", code);
                }
            }
            else if (employerText.Length > 0)
            {
                unit = unitsByName.GetValueOrDefault(employerText);
            }

            var input = new RegistrationInput
            {
                Name = row.Text(Name),
                Phone = row.Text(Phone),
                Email = row.Text(Email),
                EmployerUnitId = unit?.Id,
                EmployerName = unit is null ? employerText : null,
                EmployerPartyOrganisation = row.Text(PartyOrganisation),
                // The community's own check is above; this keeps Validate from reporting it a second time.
                CommunityId = communityId ?? Guid.NewGuid(),
                Building = row.Text(Building),
            };
            foreach (var failure in MemberRules.Validate(input, requirePassword: false))
            {
                errors.Add(new SheetError(row.Number, ColumnOfField.GetValueOrDefault(failure.Field, failure.Field), failure.Field, failure));
            }

            var phone = MemberRules.NormaliseMobile(input.Phone);
            if (phone is not null)
            {
                if (phones.TryGetValue(phone, out var firstRow))
                {
                    Error(nameof(RegistrationInput.Phone), "Import.DuplicatePhoneInFile", phone, firstRow);
                }
                else
                {
                    phones[phone] = row.Number;
                    if (context.RegisteredPhones.Contains(phone))
                    {
                        Error(nameof(RegistrationInput.Phone), "Member.PhoneRegistered");
                    }
                }
            }

            var email = input.Email.Trim();
            if (email.Length is > 0 and <= MemberRules.EmailMaxLength && MemberRules.IsEmail(email))
            {
                var key = EmailKey(email);
                if (emails.TryGetValue(key, out var firstRow))
                {
                    Error(nameof(RegistrationInput.Email), "Import.DuplicateEmailInFile", email, firstRow);
                }
                else
                {
                    emails[key] = row.Number;
                    if (context.TakenEmails.Contains(key))
                    {
                        Error(nameof(RegistrationInput.Email), "Member.EmailTaken");
                    }
                }
            }

            if (errors.Count == before)
            {
                members.Add(new ImportedMember(row.Number, input.Name.Trim(), phone!, email, unit?.Id, unit?.Name ?? employerText,
                    input.EmployerPartyOrganisation.Trim(), communityId!.Value, input.Building.Trim()));
            }
        }

        var ordered = errors.OrderBy(e => e.Row).ThenBy(e => Array.IndexOf(ImportColumns, e.Column)).ToList();
        return new MemberSheetCheck(ordered.Count == 0 ? members : [], ordered);
    }

    /// <summary>The template: a sample row, and a second sheet naming the street's communities and active member units.</summary>
    public static byte[] Template(IReadOnlyList<string> communities, IReadOnlyList<MemberSheetUnit> units)
    {
        var sample = new Dictionary<string, object?>
        {
            [Name] = "示例：王红梅",
            [Phone] = "13800138000",
            [Email] = "hongmei@example.org",
            [Employer] = units.Count > 0 ? units[0].Name : "东湖区第一实验小学",
            [PartyOrganisation] = "东湖区第一实验小学党支部",
            [Community] = communities.Count > 0 ? communities[0] : "东湖社区",
            [Building] = "3栋2单元501",
        };
        var reference = communities.Select(c => (IDictionary<string, object?>)new Dictionary<string, object?> { ["类别"] = "社区", ["名称"] = c, ["统一社会信用代码"] = "" })
            .Concat(units.Select(u => (IDictionary<string, object?>)new Dictionary<string, object?> { ["类别"] = "成员单位", ["名称"] = u.Name, ["统一社会信用代码"] = u.CreditCode }))
            .ToList();
        if (reference.Count == 0)
        {
            reference.Add(new Dictionary<string, object?> { ["类别"] = "", ["名称"] = "", ["统一社会信用代码"] = "" });
        }

        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new Dictionary<string, object>
        {
            [SheetName] = new[] { (IDictionary<string, object?>)sample },
            ["社区和成员单位"] = reference,
        });
        return stream.ToArray();
    }

    /// <summary>One member of the export; name, phone, e-mail and building as the reader may see them (rule 10).</summary>
    public static IDictionary<string, object?> ExportRow(RegistrationDto r, DateOnly submittedOn, decimal hours) => new Dictionary<string, object?>
    {
        [Name] = r.Name,
        [Phone] = r.Phone,
        [Email] = r.Email ?? "",
        [Community] = r.CommunityName,
        [Building] = r.Building ?? "",
        [Employer] = r.EmployerName,
        [EmployerKind] = r.EmployerUnitId is null ? "街道外单位" : "驻街成员单位",
        [PartyOrganisation] = r.EmployerPartyOrganisation,
        [Status] = Statuses[r.Status],
        [SubmittedOn] = Date(submittedOn),
        [RegisteredOn] = r.RegisteredOn is { } on ? Date(on) : "",
        [Source] = r.Source == RegistrationSource.Import ? "工作人员批量登记" : "本人报到",
        [Hours] = hours,
    };

    public static readonly IReadOnlyDictionary<RegistrationStatus, string> Statuses = new Dictionary<RegistrationStatus, string>
    {
        [RegistrationStatus.Pending] = "待确认",
        [RegistrationStatus.Registered] = "已报到",
        [RegistrationStatus.Returned] = "已退回",
        [RegistrationStatus.MovedAway] = "已迁出",
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The API's name of a field (<c>employerName</c>), for the problem's <c>errors</c> keys.</summary>
    public static string ApiField(string field) => JsonNamingPolicy.CamelCase.ConvertName(field);
}
