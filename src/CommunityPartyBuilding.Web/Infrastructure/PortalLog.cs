using CommunityPartyBuilding.Web.Features.Reports;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// The portal's own log messages, generated at compile time (no boxing, no parsing of the template per call).
/// Callers pass their own <c>ILogger&lt;T&gt;</c>, so each message keeps its category. Event ids: 1xxx start-up and
/// demo data, 2xxx background services, 3xxx reports, 4xxx request errors, 5xxx security events.
/// </summary>
internal static partial class PortalLog
{
    [LoggerMessage(1001, LogLevel.Information, "Demo evaluations added to the existing demo data.")]
    public static partial void DemoEvaluationsAdded(this ILogger logger);

    [LoggerMessage(1002, LogLevel.Information, "Demo data already present; nothing seeded.")]
    public static partial void DemoDataAlreadyPresent(this ILogger logger);

    [LoggerMessage(1003, LogLevel.Information, "Demo data seeded.")]
    public static partial void DemoDataSeeded(this ILogger logger);

    [LoggerMessage(1004, LogLevel.Information, "No unused demo ballot codes left for {Year}.")]
    public static partial void NoDemoBallotCodesLeft(this ILogger logger, int year);

    [LoggerMessage(1005, LogLevel.Warning, "Demo ballot codes for {Street} {Year} (评议码, each votes once):{NewLine}{Codes}")]
    public static partial void DemoBallotCodes(this ILogger logger, string street, int year, string newLine, string codes);

    [LoggerMessage(1006, LogLevel.Warning, "The demo database was made by migrations this build does not have ({Migrations}); it is dropped and created again with fresh demo data")]
    public static partial void OutdatedDemoDatabase(this ILogger logger, string migrations);

    [LoggerMessage(2001, LogLevel.Information, "{Count} agreement(s) expired.")]
    public static partial void AgreementsExpired(this ILogger logger, int count);

    [LoggerMessage(2002, LogLevel.Warning, "Agreement expiry run failed; it will be retried.")]
    public static partial void AgreementExpiryFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2003, LogLevel.Information, "Reminder pass created {Count} notification(s).")]
    public static partial void RemindersCreated(this ILogger logger, int count);

    [LoggerMessage(2004, LogLevel.Warning, "Reminder pass failed; it will be retried.")]
    public static partial void ReminderPassFailed(this ILogger logger, Exception exception);

    [LoggerMessage(3001, LogLevel.Error, "No CJK font: report {Kind} not issued")]
    public static partial void ReportFontMissing(this ILogger logger, Exception exception, ReportKind kind);

    [LoggerMessage(3002, LogLevel.Information, "Issued {Kind} {Code} ({Bytes} bytes) to {User}")]
    public static partial void ReportIssued(this ILogger logger, ReportKind kind, string code, int bytes, string? user);

    [LoggerMessage(3003, LogLevel.Error, "Portal:PublicBaseUrl is not configured: reports with a verification link cannot be issued")]
    public static partial void PublicBaseUrlMissing(this ILogger logger);

    [LoggerMessage(4002, LogLevel.Warning, "Cross-site API request refused: {Method} {Path} from origin {Origin}, client {Client}")]
    public static partial void CrossSiteRequestRefused(this ILogger logger, string method, string path, string origin, string? client);

    [LoggerMessage(5001, LogLevel.Information, "Security event {Event}: account {UserId} ({Email}) from {Client}{Detail}")]
    public static partial void SecurityEventRecorded(this ILogger logger, string @event, string userId, string email, string client, string detail);

    [LoggerMessage(4001, LogLevel.Error, "Unhandled error on {Path}")]
    public static partial void UnhandledError(this ILogger logger, Exception exception, string? path);
}
