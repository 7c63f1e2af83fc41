using System.Security.Cryptography;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Audit;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>What an issued report is about; the caller has already checked that the user may read it.</summary>
public sealed record ReportSubject(ReportKind Kind, string Title, string FileName)
{
    public Guid? StreetId { get; init; }

    public Guid? OrganisationDepartmentId { get; init; }

    public int? Year { get; init; }

    /// <summary>The campaign, meeting or unit the report is about.</summary>
    public Guid? SubjectId { get; init; }

    /// <summary>
    /// For a report issued once and then served (<see cref="ReportIssuer.GetOrIssueAsync"/>): what it is a copy of,
    /// e.g. <c>AnnualReport/{campaignId}</c>. Null for reports issued anew on each download.
    /// </summary>
    public string? CopyOf { get; init; }

    /// <summary>The state the copy is drawn from (a campaign's status): a stored copy of another edition is not served but superseded.</summary>
    public string? Edition { get; init; }
}

/// <summary>An issued PDF: its bytes (exactly those whose SHA-256 is stored), file name and verification code.</summary>
public sealed record IssuedFile(Guid ReportId, string VerificationCode, string Sha256, byte[] Content, string FileName)
{
    public const string ContentType = "application/pdf";

    /// <summary>True when the bytes are a stored copy, served again; false when they were drawn for this request.</summary>
    public bool Served { get; init; }
}

/// <summary>A PDF to download: an issued one (with its code), or a draft drawn on demand and never issued (no code).</summary>
public sealed record ReportFile(byte[] Content, string FileName, IssuedFile? Issued)
{
    public static ReportFile From(IssuedFile issued) => new(issued.Content, issued.FileName, issued);
}

/// <summary>
/// In-process locks per kept copy (striped: 64 of them, a copy's key picks one), so that two first downloads of the
/// same report at once draw it once; the second waits and is served the first's copy. The unique index on current
/// copies is the guarantee across processes.
/// </summary>
public sealed class KeptCopyLocks : IDisposable
{
    private readonly SemaphoreSlim[] stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public SemaphoreSlim For(string copyOf) => stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(copyOf) % (uint)stripes.Length)];

    public void Dispose()
    {
        foreach (var stripe in stripes)
        {
            stripe.Dispose();
        }
    }
}

/// <summary>
/// The one place where PDFs are issued. It reserves a verification code, draws the document through the
/// <see cref="PdfRenderQueue"/> with the code and a QR code of <c>{PublicBaseUrl}/verify/{code}</c> in every page's
/// footer, stores the PDF's SHA-256, kind, street, year, issuer and time, and audits downloads by organisation
/// departments (<see cref="ReportDownloadAudit"/>). Handlers check scope and compose the document, then call
/// <see cref="IssueAsync"/>.
/// </summary>
public sealed class ReportIssuer(
    IDbContextFactory<PortalDbContext> dbFactory,
    ICurrentUser currentUser,
    PdfRenderQueue queue,
    IFontProvider fonts,
    IOptions<PortalOptions> options,
    Microsoft.AspNetCore.Hosting.Server.IServer server,
    IHostEnvironment environment,
    TimeProvider clock,
    KeptCopyLocks locks,
    IssuedCopyCache copies,
    ILogger<ReportIssuer> logger) : IHandler
{
    private const int ReserveAttempts = 5;

    private static readonly System.Text.Json.JsonSerializerOptions AuditJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>
    /// A report issued once and then served (issue #18): the current stored copy of <see cref="ReportSubject.CopyOf"/>
    /// of the same edition, byte for byte with its code; when there is none, or when <paramref name="reissue"/> asks
    /// for a new one, the document is composed, issued and stored, and the copy it replaces is marked superseded (it
    /// still verifies, and says so). Every download by an organisation department is audited, served or drawn.
    /// </summary>
    public async Task<IssuedFile> GetOrIssueAsync(ReportSubject subject, Func<CancellationToken, Task<Document>> compose, bool reissue, CancellationToken ct = default)
    {
        var copyOf = subject.CopyOf ?? throw new ArgumentException("A kept report needs CopyOf.", nameof(subject));
        var user = currentUser.Required;
        if (!reissue && await ServeAsync(subject, user, ct) is { } served)
        {
            return served;
        }

        var gate = locks.For(copyOf);
        if (!await gate.WaitAsync(queue.MaxWait, ct))
        {
            PortalTelemetry.RendersRefused.Add(1);
            throw queue.Overloaded();
        }

        try
        {
            // Someone else may have drawn it while this caller waited.
            if (!reissue && await ServeAsync(subject, user, ct) is { } drawnMeanwhile)
            {
                return drawnMeanwhile;
            }

            var document = await compose(ct);
            var issued = await IssueAsync(subject, document, ct);
            return await KeepAsync(subject, issued, user, ct) ?? issued;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A draft: drawn through the queue on demand, with no verification code and no record (it is never issued).</summary>
    public async Task<byte[]> RenderDraftAsync(Document document, CancellationToken ct = default)
    {
        if (!fonts.Availability.IsAvailable)
        {
            throw new PortalUnavailableException("Reports.FontMissing");
        }

        try
        {
            return await queue.RenderAsync(document with { Verification = null }, ct);
        }
        catch (CjkFontMissingException e)
        {
            logger.ReportFontMissing(e, ReportKind.AnnualReport);
            throw new PortalUnavailableException("Reports.FontMissing");
        }
    }

    /// <summary>
    /// The current stored copy of <paramref name="copyOf"/> of this edition, served (one indexed statement when its bytes
    /// are in <see cref="IssuedCopyCache"/>, two when not, and for an organisation department the audit row), or null when there is none; the caller has checked that the user may read it.
    /// </summary>
    public Task<IssuedFile?> TryServeAsync(string copyOf, string edition, CancellationToken ct = default) =>
        ServeAsync(new ReportSubject(default, "", "") { CopyOf = copyOf, Edition = edition }, currentUser.Required, ct);

    private async Task<IssuedFile?> ServeAsync(ReportSubject subject, PortalUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await db.IssuedReports.AsNoTracking()
            .FirstOrDefaultAsync(r => r.CopyOf == subject.CopyOf && r.SupersededAt == null && r.Sha256 != null, ct);
        if (report is null || report.Edition != subject.Edition)
        {
            return null;
        }

        var fromMemory = copies.TryGet(report.Id, out var content);
        if (!fromMemory)
        {
            var stored = await db.IssuedReportContents.AsNoTracking().Where(c => c.IssuedReportId == report.Id).Select(c => c.Content).FirstOrDefaultAsync(ct);
            if (stored is null)
            {
                return null;
            }

            content = stored;
            copies.Keep(report.Id, content);
        }

        if (ReportDownloadAudit.Applies(user))
        {
            ReportDownloadAudit.Record(db, user, report, clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }

        PortalTelemetry.ReportsServed.Add(1, new KeyValuePair<string, object?>("kind", report.Kind.ToString()),
            new KeyValuePair<string, object?>("from", fromMemory ? "memory" : "database"));
        return new IssuedFile(report.Id, report.VerificationCode, report.Sha256!, content, report.FileName) { Served = true };
    }

    /// <summary>
    /// Makes a just-issued report the current copy of its subject: stores its bytes and supersedes the copy before it,
    /// in one transaction. When another process made its own copy current first (the unique index), that one is
    /// served instead and this one stays an ordinary issued report (still verifiable).
    /// </summary>
    private async Task<IssuedFile?> KeepAsync(ReportSubject subject, IssuedFile issued, PortalUser user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        Guid[] superseded = [];
        try
        {
            await strategy.ExecuteAsync(async cancel =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancel);
                var now = clock.GetUtcNow();
                var previous = await db.IssuedReports.Where(r => r.CopyOf == subject.CopyOf && r.SupersededAt == null).ToListAsync(cancel);
                foreach (var old in previous)
                {
                    old.SupersededAt = now;
                    old.SupersededById = issued.ReportId;
                    db.AuditEntries.Add(new AuditEntry
                    {
                        OccurredAt = now,
                        UserId = user.Id,
                        UserName = user.Email,
                        EntityType = nameof(IssuedReport),
                        EntityId = old.Id.ToString(),
                        Action = AuditAction.Updated,
                        StreetId = old.StreetId,
                        Changes = System.Text.Json.JsonSerializer.Serialize(new AuditChange[]
                        {
                            new(nameof(IssuedReport.VerificationCode), old.VerificationCode, old.VerificationCode),
                            new(nameof(IssuedReport.SupersededAt), null, AuditInterceptor.Format(now)),
                            new("SupersededBy", null, issued.VerificationCode),
                        }, AuditJson),
                    });
                }

                // The old copy leaves the unique index before the new one enters it.
                await db.SaveChangesAsync(cancel);
                var report = await db.IssuedReports.SingleAsync(r => r.Id == issued.ReportId, cancel);
                report.CopyOf = subject.CopyOf;
                report.Edition = subject.Edition;
                db.IssuedReportContents.Add(new IssuedReportContent { IssuedReportId = report.Id, Content = issued.Content });
                await db.SaveChangesAsync(cancel);
                await transaction.CommitAsync(cancel);
                superseded = [.. previous.Select(p => p.Id)];
            }, CancellationToken.None);

            // The copies it replaced are never served again: their bytes leave memory now (on another instance they
            // age out, bounded by the cache's size).
            foreach (var id in superseded)
            {
                copies.Forget(id);
            }

            copies.Keep(issued.ReportId, issued.Content);
            return null;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return await ServeAsync(subject, user, ct);
        }
    }

    public async Task<IssuedFile> IssueAsync(ReportSubject subject, Document document, CancellationToken ct = default)
    {
        var user = currentUser.Required;
        if (!fonts.Availability.IsAvailable)
        {
            throw new PortalUnavailableException("Reports.FontMissing");
        }

        var baseUrl = PublicBaseUrl();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReserveAsync(db, subject, user, ct);
        byte[] pdf;
        try
        {
            var url = $"{baseUrl}/verify/{report.VerificationCode}";
            pdf = await queue.RenderAsync(document with
            {
                Metadata = document.Metadata with { CreatedAt = report.IssuedAt },
                Verification = new VerificationMark(report.VerificationCode, url),
            }, ct);
        }
        catch (Exception e)
        {
            // Nothing was issued: free the code (the PDF's SHA-256 was never stored, so it never verified anyway).
            db.IssuedReports.Remove(report);
            await db.SaveChangesAsync(CancellationToken.None);
            if (e is CjkFontMissingException)
            {
                logger.ReportFontMissing(e, subject.Kind);
                throw new PortalUnavailableException("Reports.FontMissing");
            }

            throw;
        }

        report.Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        report.ByteLength = pdf.LongLength;
        ReportDownloadAudit.Record(db, user, report, clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        logger.ReportIssued(report.Kind, report.VerificationCode, pdf.Length, user.Email);
        return new IssuedFile(report.Id, report.VerificationCode, report.Sha256, pdf, subject.FileName);
    }

    private async Task<IssuedReport> ReserveAsync(PortalDbContext db, ReportSubject subject, PortalUser user, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var report = new IssuedReport
            {
                Kind = subject.Kind,
                StreetId = subject.StreetId,
                OrganisationDepartmentId = subject.OrganisationDepartmentId,
                Year = subject.Year,
                SubjectId = subject.SubjectId,
                Title = subject.Title,
                FileName = subject.FileName,
                Edition = subject.Edition,
                VerificationCode = VerificationCodes.New(),
                IssuedByUserId = user.Id,
                IssuedByName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email : user.DisplayName,
                IssuedAt = clock.GetUtcNow(),
            };
            db.IssuedReports.Add(report);
            try
            {
                await db.SaveChangesAsync(ct);
                return report;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < ReserveAttempts)
            {
                db.Entry(report).State = EntityState.Detached;
            }
        }
    }

    /// <summary>
    /// <c>Portal:PublicBaseUrl</c>; never the request's Host header, which the client chooses (a forged host would be
    /// printed in the PDF's verification link). Outside production, without a setting, the address the server
    /// listens on; in production, without a setting, nothing is issued.
    /// </summary>
    private string PublicBaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return options.Value.PublicBaseUrl.TrimEnd('/');
        }

        var listening = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (environment.IsProduction() || listening is null)
        {
            logger.PublicBaseUrlMissing();
            throw new PortalUnavailableException("Reports.NoPublicBaseUrl");
        }

        return listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
