namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>
/// A PDF the portal issued: what it is, whose it is, who issued it and when, and the SHA-256 of its exact bytes.
/// Its verification code is printed (with a QR code) in the footer of every page, so anyone holding a copy can
/// check at <c>/verify/{code}</c> that it was issued and whether their copy is byte-identical.
/// </summary>
public sealed class IssuedReport
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public ReportKind Kind { get; set; }

    /// <summary>The street the report is about; null for an organisation department's district summary.</summary>
    public Guid? StreetId { get; set; }

    /// <summary>The organisation department of a district summary.</summary>
    public Guid? OrganisationDepartmentId { get; set; }

    public int? Year { get; set; }

    /// <summary>The campaign, meeting or unit the report is about.</summary>
    public Guid? SubjectId { get; set; }

    public required string Title { get; set; }

    public required string FileName { get; set; }

    /// <summary>8 characters of <see cref="VerificationCodes.Alphabet"/>; unique.</summary>
    public required string VerificationCode { get; set; }

    /// <summary>Lower-case hex SHA-256 of the PDF; null while the code is reserved and the PDF is being drawn.</summary>
    public string? Sha256 { get; set; }

    public long? ByteLength { get; set; }

    public required string IssuedByUserId { get; set; }

    public required string IssuedByName { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>
    /// What this is a kept copy of (<see cref="ReportSubject.CopyOf"/>, e.g. <c>AnnualReport/{campaignId}</c>): the
    /// copy later downloads are served from, byte for byte. Null for a report issued anew on each download, and while
    /// a kept copy is being drawn. At most one copy of a thing is current (not superseded): a unique partial index.
    /// </summary>
    public string? CopyOf { get; set; }

    /// <summary>The state of the thing the copy was drawn from (a campaign's status); another edition supersedes it.</summary>
    public string? Edition { get; set; }

    /// <summary>When a newer copy of the same thing replaced this one; it still verifies, and says so.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    /// <summary>The copy that replaced this one.</summary>
    public Guid? SupersededById { get; set; }
}

/// <summary>The bytes of a kept copy (<see cref="IssuedReport.CopyOf"/>), in their own table so that lists and verification never load them.</summary>
public sealed class IssuedReportContent
{
    public Guid IssuedReportId { get; set; }

    public required byte[] Content { get; set; }
}

public enum ReportKind
{
    /// <summary>年度考核报告: a street's annual assessment report.</summary>
    AnnualReport,

    /// <summary>单位反馈表: one unit's feedback sheet.</summary>
    UnitFeedback,

    /// <summary>会议纪要: the minutes of a held meeting.</summary>
    MeetingMinutes,

    /// <summary>评议码卡片: ballot code cards to cut apart.</summary>
    CodeCards,

    /// <summary>组织部汇总报告: an organisation department's streets side by side.</summary>
    DistrictSummary,

    /// <summary>在职党员社区表现反馈函: a quarter's letter to a member unit about its in-service members (rule 9).</summary>
    MemberFeedback,

    /// <summary>喜报: a member named outstanding for a year, sent to their unit.</summary>
    Commendation,

    /// <summary>需求办理情况通报: a street's needs handled by its units in one finished month.</summary>
    NeedNotice,
}
