using System.Security.Cryptography;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>What the public verification page and API say about an issued report.</summary>
public sealed record ReportVerification(
    bool Issued,
    string VerificationCode,
    ReportKind Kind,
    string Title,
    Guid? StreetId,
    string? StreetName,
    Guid? OrganisationDepartmentId,
    string? OrganisationDepartmentName,
    int? Year,
    DateTimeOffset IssuedAt,
    string IssuedBy,
    string Sha256,
    long ByteLength)
{
    /// <summary>When a newer copy of the same report replaced this one (it was reissued); null while it is the current copy.</summary>
    public DateTimeOffset? SupersededAt { get; init; }

    /// <summary>The verification code of the copy that replaced this one.</summary>
    public string? SupersededBy { get; init; }

    public bool Superseded => SupersededAt is not null;

    /// <summary>
    /// When what the report attests was withdrawn after it was issued (a 喜报 whose commendation was withdrawn); null
    /// while it stands. The copy still verifies as issued, and says it is no longer valid.
    /// </summary>
    public DateTimeOffset? WithdrawnAt { get; init; }

    public bool Withdrawn => WithdrawnAt is not null;
}

/// <summary>The answer to an uploaded copy: identical to the issued PDF, byte for byte, or not.</summary>
public sealed record ComparisonResult(bool Identical, string Sha256, long ByteLength);

/// <summary>
/// Public (anonymous) verification: the issued report behind a code, and whether an uploaded file is exactly the
/// issued PDF. Nothing about scope is revealed beyond what the code's holder already has on paper.
/// </summary>
public sealed class VerifyReport(IDbContextFactory<PortalDbContext> dbFactory) : IHandler
{
    /// <summary>Uploads larger than this cannot be an issued report.</summary>
    public const long MaxUploadBytes = 20L * 1024 * 1024;

    public async Task<ReportVerification?> FindAsync(string? code, CancellationToken ct = default)
    {
        if (VerificationCodes.Normalise(code) is not { } normalised)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await db.IssuedReports.AsNoTracking().FirstOrDefaultAsync(r => r.VerificationCode == normalised && r.Sha256 != null, ct);
        if (report is null)
        {
            return null;
        }

        var street = report.StreetId is { } streetId
            ? await db.Streets.AsNoTracking().Where(s => s.Id == streetId).Select(s => new { s.Name, s.OrganisationDepartmentId }).FirstOrDefaultAsync(ct)
            : null;
        var departmentId = report.OrganisationDepartmentId ?? street?.OrganisationDepartmentId;
        var department = departmentId is { } id
            ? await db.OrganisationDepartments.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(ct)
            : null;
        var supersededBy = report.SupersededById is { } newer
            ? await db.IssuedReports.AsNoTracking().Where(r => r.Id == newer).Select(r => r.VerificationCode).FirstOrDefaultAsync(ct)
            : null;
        var (title, issuedBy) = await PublicNamesAsync(db, report, ct);
        return new ReportVerification(true, report.VerificationCode, report.Kind, title, report.StreetId, street?.Name, departmentId, department,
            report.Year, report.IssuedAt, issuedBy, report.Sha256!, report.ByteLength ?? 0)
        {
            SupersededAt = report.SupersededAt,
            SupersededBy = supersededBy,
            WithdrawnAt = await WithdrawnAtAsync(db, report, ct),
        };
    }

    /// <summary>
    /// What this public page may say of people (rule 10): a 喜报's title names its member, and a report a member
    /// downloaded names the member as its issuer; both masked (孙**) here, also for copies issued before titles were
    /// stored masked. Staff issuers are named as they are.
    /// </summary>
    private static async Task<(string Title, string IssuedBy)> PublicNamesAsync(PortalDbContext db, IssuedReport report, CancellationToken ct)
    {
        var title = report.Title;
        if (report.Kind == ReportKind.Commendation && report.SubjectId is { } registrationId
            && await db.MemberRegistrations.AsNoTracking().Where(r => r.Id == registrationId).Select(r => r.Name).FirstOrDefaultAsync(ct) is { Length: > 0 } member)
        {
            title = title.Replace(member, PersonalDataMask.Name(member), StringComparison.Ordinal);
        }

        var issuedBy = report.IssuedByName;
        if (await db.MemberRegistrations.AsNoTracking().AnyAsync(r => r.UserId == report.IssuedByUserId, ct))
        {
            issuedBy = PersonalDataMask.Name(issuedBy);
        }

        return (title, issuedBy);
    }

    /// <summary>
    /// A 喜报 (subject: the registration, with the year) is withdrawn when the commendation it was drawn from — the latest
    /// named before it was issued — is withdrawn. One named again later has its own 喜报.
    /// </summary>
    private static Task<DateTimeOffset?> WithdrawnAtAsync(PortalDbContext db, IssuedReport report, CancellationToken ct)
    {
        if (report.Kind != ReportKind.Commendation || report.SubjectId is not { } registrationId || report.Year is not { } year)
        {
            return Task.FromResult<DateTimeOffset?>(null);
        }

        // The commendation a 喜报 attests is the year's latest one named before it was issued (a member is named again only
        // after a withdrawal). Withdrawn whenever: also when the withdrawal committed while that 喜报 was being drawn,
        // after it had been read as standing and before the report's issue time was set.
        var issuedAt = report.IssuedAt;
        return db.MemberCommendations.AsNoTracking()
            .Where(c => c.RegistrationId == registrationId && c.Year == year && c.NamedAt <= issuedAt)
            .OrderByDescending(c => c.NamedAt)
            .Select(c => c.WithdrawnAt)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The report, or 404 (the API).</summary>
    public async Task<ReportVerification> GetAsync(string? code, CancellationToken ct = default) =>
        await FindAsync(code, ct) ?? throw new PortalNotFoundException("Reports.NotFound");

    /// <summary>
    /// Compares an uploaded copy with the issued PDF: identical means same length and same SHA-256. Throws
    /// <see cref="PortalValidationException"/> for a missing, empty or oversized file.
    /// </summary>
    public async Task<ComparisonResult> CompareAsync(ReportVerification issued, Stream? upload, long length, CancellationToken ct = default)
    {
        if (upload is null)
        {
            throw new PortalValidationException([new("File", "Upload.NoFile")]);
        }

        if (length == 0)
        {
            throw new PortalValidationException([new("File", "Upload.Empty")]);
        }

        if (length > MaxUploadBytes)
        {
            throw new PortalValidationException([new("File", "Verify.TooLarge", MaxUploadBytes / 1024 / 1024)]);
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await upload.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > MaxUploadBytes)
            {
                throw new PortalValidationException([new("File", "Verify.TooLarge", MaxUploadBytes / 1024 / 1024)]);
            }

            sha.AppendData(buffer, 0, read);
        }

        var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        var identical = total == issued.ByteLength && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(hash), System.Text.Encoding.ASCII.GetBytes(issued.Sha256));
        return new ComparisonResult(identical, hash, total);
    }
}
