using System.Security.Cryptography;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
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
}

/// <summary>An issued PDF: its bytes (exactly those whose SHA-256 is stored), file name and verification code.</summary>
public sealed record IssuedFile(Guid ReportId, string VerificationCode, string Sha256, byte[] Content, string FileName)
{
    public const string ContentType = "application/pdf";
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
    ILogger<ReportIssuer> logger) : IHandler
{
    private const int ReserveAttempts = 5;

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
