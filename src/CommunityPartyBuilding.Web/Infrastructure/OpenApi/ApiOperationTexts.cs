namespace CommunityPartyBuilding.Web.Infrastructure.OpenApi;

/// <summary>An operation's name and texts in the OpenAPI document: Chinese first, then English.</summary>
/// <param name="OperationId">camelCase, unique; the generated clients' method names.</param>
/// <param name="Tag">The group it is listed under (<see cref="ApiOperationTexts.Tags"/>).</param>
/// <param name="File">For a route that answers a file: its media type (the 200 answer is declared as that binary content).</param>
public sealed record ApiOperationText(
    string OperationId,
    string Tag,
    string SummaryZh,
    string SummaryEn,
    string DescriptionZh,
    string DescriptionEn,
    string? File = null)
{
    public string Summary => $"{SummaryZh} / {SummaryEn}";

    public string Description => $"{DescriptionZh}\n\n{DescriptionEn}";
}

/// <summary>
/// THE table of the API's operations for the OpenAPI document, keyed by method and route below <c>/api/v1</c> (route
/// constraints left out). Every route of the API must have its row: a unit test reads the build-time document and
/// fails on an operation without operationId, summary or description. The routes' own code carries no texts.
/// </summary>
public static class ApiOperationTexts
{
    private const string Pdf = "application/pdf";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The groups (tags) of operations, in the order the reference lists them.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> Tags =
    [
        ("account", "令牌与当前账号 / Tokens and the signed-in account"),
        ("administration", "组织部、街道、社区与账号管理 / Organisation departments, streets, communities and accounts"),
        ("committee", "街道大党工委及其委员 / The street's joint Party working committee and its members"),
        ("units", "成员单位 / Member units"),
        ("public", "公开信息：共建公示 / Public information: the co-building notice"),
        ("resources", "资源清单：成员单位可提供的资源 / Resources member units offer"),
        ("needs", "需求清单与微心愿：居民提交、社区审核、单位认领办结、居民评价 / Needs and small wishes: submitted, reviewed, claimed, done, rated"),
        ("agreements", "共建协议与承诺 / Joint-building agreements and their commitments"),
        ("activities", "共建活动 / Joint-building activities"),
        ("meetings", "联席会议、出席与议定事项 / Joint meetings, attendance and resolutions"),
        ("evaluations", "年度考评与群众评议 / Annual evaluation and residents' ballots"),
        ("reports", "出具的报告及其核验 / Issued reports and their verification"),
        ("dashboard", "统计看板 / Dashboards and overviews"),
        ("notifications", "站内通知 / In-app notifications"),
        ("audit", "审计日志 / Audit log"),
    ];

    public static readonly IReadOnlyDictionary<string, ApiOperationText> ByRoute = new Dictionary<string, ApiOperationText>(StringComparer.Ordinal)
    {
        // Account
        ["POST /tokens"] = new("issueToken", "account", "签发访问令牌", "Issue an access token",
            "用邮箱和密码（已绑定身份验证器时再加动态码）换取 Bearer 令牌；凭据错误 401，须先修改密码或绑定身份验证器 403，锁定或超频 429。",
            "Exchanges email and password (and an authenticator code when enrolled) for a bearer token; 401 on bad credentials, 403 while the password must be changed or an authenticator enrolled, 429 when locked out or rate limited."),
        ["GET /me"] = new("getMe", "account", "当前账号", "The signed-in account",
            "调用者的邮箱、姓名、角色及所属组织部、街道或单位。", "The caller's email, name, role and organisation department, street or unit."),

        // Administration
        ["GET /organisation-departments"] = new("listOrganisationDepartments", "administration", "列出组织部", "List organisation departments",
            "调用者可见的区委组织部。", "The organisation departments the caller may see."),
        ["POST /organisation-departments"] = new("createOrganisationDepartment", "administration", "新建组织部", "Create an organisation department",
            "仅系统管理员。", "System administrators only."),
        ["GET /streets"] = new("listStreets", "administration", "列出街道", "List streets",
            "调用者可见的街道。", "The streets the caller may see."),
        ["POST /streets"] = new("createStreet", "administration", "新建街道", "Create a street",
            "仅系统管理员；同时以默认设置建立其大党工委。", "System administrators only; the street's committee is created with default settings."),
        ["GET /streets/{streetId}"] = new("getStreet", "administration", "查看街道", "Get a street",
            "调用者范围外的街道答 404。", "A street outside the caller's scope is 404."),
        ["POST /streets/{streetId}/communities"] = new("createCommunity", "administration", "新建社区", "Create a community",
            "系统管理员或该街道工作人员。", "System administrators or that street's staff."),
        ["GET /users"] = new("listUsers", "administration", "列出账号", "List accounts",
            "可按姓名或邮箱搜索、按角色筛选，分页。", "Search by name or email, filter by role; paged."),
        ["POST /users"] = new("createUser", "administration", "新建账号", "Create an account",
            "系统管理员；街道工作人员可为本街道单位创建单位负责人账号、为本街道社区创建社区工作人员账号（role=communityStaff，communityId 必填）。mustChangePassword 默认为 true，为 true 时不签发令牌。",
            "System administrators; street staff for leaders of their own units and for staff of their own communities (role=communityStaff with communityId). mustChangePassword defaults to true, and while it is true the account gets no token."),
        ["POST /users/{userId}/lock"] = new("lockUser", "administration", "锁定账号", "Lock an account",
            "锁定后不能登录，也不签发令牌。", "A locked account can neither sign in nor get a token."),
        ["POST /users/{userId}/unlock"] = new("unlockUser", "administration", "解锁账号", "Unlock an account",
            "解除锁定。", "Lifts the lock."),
        ["POST /users/{userId}/end-sessions"] = new("endUserSessions", "administration", "结束账号的全部会话", "End an account's sessions",
            "该账号已登录的会话全部失效。", "Every signed-in session of the account ends."),

        // Committee
        ["GET /streets/{streetId}/committee"] = new("getCommittee", "committee", "查看大党工委", "Get the street's committee",
            "包括法定人数比例、每季度联席会议最少次数、年度活动目标。", "Including quorumFraction, minimumJointMeetingsPerQuarter and annualActivityTarget."),
        ["PUT /streets/{streetId}/committee"] = new("updateCommittee", "committee", "修改大党工委设置", "Update the street's committee",
            "街道工作人员；带上读取时的 version，过期答 409。", "Street staff; send the version read, a stale one gets 409."),
        ["GET /streets/{streetId}/committee-members"] = new("listCommitteeMembers", "committee", "列出大党工委委员", "List committee members",
            "委员、所在单位、职务与任期。", "Members with their unit, position and term."),
        ["POST /streets/{streetId}/committee-members"] = new("addCommitteeMember", "committee", "增补委员", "Add a committee member",
            "街道工作人员。", "Street staff."),
        ["PUT /streets/{streetId}/committee-members/{memberId}"] = new("updateCommitteeMember", "committee", "修改委员", "Update a committee member",
            "街道工作人员；带 version，过期答 409。", "Street staff; with the version read, a stale one gets 409."),
        ["DELETE /streets/{streetId}/committee-members/{memberId}"] = new("removeCommitteeMember", "committee", "移除委员", "Remove a committee member",
            "街道工作人员。", "Street staff."),

        // Audit
        ["GET /audit"] = new("getAuditEntries", "audit", "查询审计日志", "List audit entries",
            "按对象类型、用户、日期、街道筛选，分页，最新在前。", "Filter by entity type, user, dates and street; paged, newest first."),
        ["GET /audit/export"] = new("exportAuditEntries", "audit", "导出审计日志", "Export audit entries",
            "与查询相同的筛选，导出为 xlsx。", "The same filters, as an xlsx file.", Xlsx),

        // Units
        ["GET /streets/{streetId}/units"] = new("listUnits", "units", "列出成员单位", "List member units",
            "可按名称或代码搜索、按类别、状态、社区筛选并排序，分页；已退出的单位仅在 status=withdrawn 或 includeWithdrawn=true 时列出。",
            "Search by name or code, filter by category, status and community, sort; paged. Withdrawn units only when status=withdrawn or includeWithdrawn=true."),
        ["POST /streets/{streetId}/units"] = new("createUnit", "units", "新增成员单位", "Create a member unit",
            "街道工作人员；统一社会信用代码重复答 409。", "Street staff; a credit code already used gets 409."),
        ["GET /units/{unitId}"] = new("getUnit", "units", "查看成员单位", "Get a member unit",
            "范围外答 404。", "404 outside the caller's scope."),
        ["PUT /units/{unitId}"] = new("updateUnit", "units", "修改成员单位", "Update a member unit",
            "带读取时的 version，过期答 409。", "Send the version read; a stale one gets 409."),
        ["POST /units/{unitId}/withdraw"] = new("withdrawUnit", "units", "成员单位退出", "Withdraw a member unit",
            "记录退出日期和原因。", "Records the date and the reason."),
        ["POST /units/{unitId}/reinstate"] = new("reinstateUnit", "units", "恢复成员单位", "Reinstate a member unit",
            "撤销退出。", "Undoes a withdrawal."),
        ["POST /streets/{streetId}/units/import"] = new("importUnits", "units", "批量导入成员单位", "Import member units",
            "multipart 上传 xlsx，全部成功或全部不导入：errors 不为空时不保存任何数据。",
            "Multipart xlsx upload, all or nothing: {imported, errors: [{row, column, message}]}; nothing is stored when errors is not empty."),
        ["GET /streets/{streetId}/units/export"] = new("exportUnits", "units", "导出成员单位", "Export member units",
            "与列表相同的筛选，导出为 xlsx。", "The list's filters, as an xlsx file.", Xlsx),
        ["GET /units/import-template"] = new("getUnitImportTemplate", "units", "下载导入模板", "Get the import template",
            "成员单位导入用的 xlsx 模板。", "The xlsx template for importing member units.", Xlsx),

        // Public notice (共建公示)
        ["GET /public/streets/{streetId}/notice"] = new("getPublicNotice", "public", "街道共建公示", "Get a street's public notice",
            "任何人可读，按来源地址限流：本年度及仍未办结的决议事项（状态与最新进展）、生效协议的承诺与履行率、最近一次已通报的考核等次；不含任何个人信息。",
            "For anyone, rate limited per address: this year's resolutions and any still open (state and last progress), the commitments of agreements in force with their fulfilment, the grades of the last published assessment; no personal data."),

        // Resources (资源清单)
        ["GET /units/{unitId}/resources"] = new("listUnitResources", "resources", "列出单位的资源", "List a unit's resources",
            "单位可提供的资源，默认只列在用的；includeWithdrawn=true 时含已撤下的。范围外答 404。",
            "What the unit offers; active ones unless includeWithdrawn=true. 404 outside the caller's scope."),
        ["POST /units/{unitId}/resources"] = new("createUnitResource", "resources", "登记资源", "Register a resource",
            "本单位负责人或管理该单位的工作人员；communityIds 为空表示服务全街道；已退出的单位答 409。",
            "The unit's leader or staff who manage it; empty communityIds means the whole street; a withdrawn unit gets 409."),
        ["GET /resources/{resourceId}"] = new("getResource", "resources", "查看资源", "Get a resource",
            "范围外答 404。", "404 outside the caller's scope."),
        ["PUT /resources/{resourceId}"] = new("updateResource", "resources", "修改资源", "Update a resource",
            "带读取时的 version，过期答 409；已撤下的资源不能修改（409）。", "Send the version read; a stale one gets 409, as does a withdrawn resource."),
        ["DELETE /resources/{resourceId}"] = new("withdrawResource", "resources", "撤下资源", "Withdraw a resource",
            "资源不再列出、不再参与匹配，历史保留；重复撤下无变化。", "It leaves the list and matching and stays in the history; withdrawing twice changes nothing."),
        ["GET /streets/{streetId}/resources"] = new("listStreetResources", "resources", "街道资源清单", "List the street's resources",
            "按类型、服务社区（含服务全街道的）筛选，按标题、说明或单位名称搜索，分页；单位负责人答 403。",
            "Filter by kind and community served (whole-street resources included), search title, description or unit name; paged. Unit leaders get 403."),

        // Needs and small wishes (需求清单, 微心愿)
        ["POST /public/streets/{streetId}/needs"] = new("submitNeed", "needs", "居民提交需求或微心愿", "Submit a need or a small wish",
            "任何人可提交，按来源地址限流（默认每小时10条，超出答 429 与 Retry-After）；返回一次性显示的查询码，系统只保存其摘要。",
            "For anyone, rate limited per address (10 an hour by default; beyond that 429 with Retry-After); returns the tracking code, shown once; only its hash is kept."),
        ["GET /public/needs/{trackingCode}"] = new("trackNeed", "needs", "凭查询码查看需求进展", "Track a need by its code",
            "状态、认领单位名称、办理情况与评价；不含联系方式。错误的查询码答 404，并计入该地址的失败次数。",
            "Status, the claiming unit's name, what was done and the rating; no contact. A wrong code gets 404 and counts towards the address's failures."),
        ["POST /public/needs/{trackingCode}/rating"] = new("rateNeed", "needs", "凭查询码评价", "Rate a need with its code",
            "办结后30天内评价一次；重复评价或超期答 409。", "Once, within 30 days of completion; a second rating or a late one gets 409."),
        ["GET /communities/{communityId}/needs"] = new("listCommunityNeeds", "needs", "社区需求清单", "List a community's needs",
            "社区工作人员（本社区）与街道工作人员；按状态、类型、服务类别筛选，分页；联系方式脱敏。",
            "Community staff (their community) and street staff; filter by status, kind and category; paged; contacts masked."),
        ["POST /communities/{communityId}/needs"] = new("enterNeed", "needs", "代居民登记需求", "Enter a need for a resident",
            "社区或街道工作人员为来访、来电的居民登记，登记即发布；返回一次性显示的查询码。",
            "Community or street staff enter a need for a resident who came in or phoned; it is published at once; returns the tracking code, shown once."),
        ["GET /streets/{streetId}/needs"] = new("listStreetNeeds", "needs", "街道需求清单", "List the street's needs",
            "街道的读者（社区工作人员只见本社区）；可按社区筛选，lapsingSoon=true 只列 3 天内到期的认领；单位负责人答 403。",
            "The street's readers (community staff see their community only); filter by community, lapsingSoon=true for claims due within 3 days; unit leaders get 403."),
        ["GET /streets/{streetId}/needs/export"] = new("exportStreetNeeds", "needs", "导出街道需求清单", "Export the street's needs",
            "与列表相同的范围和筛选，导出为 xlsx；联系人和电话只对本社区、本街道工作人员完整（每条写入操作日志），其他读者见打码；单位负责人答 403。",
            "The list's scope and filters, as an xlsx file; the contact is whole only for staff of the need's community or street (each such row is audited) and masked for other readers; unit leaders get 403.",
            Xlsx),
        ["GET /units/{unitId}/needs"] = new("listUnitNeeds", "needs", "单位可认领与已认领的需求", "A unit's needs to claim and its claims",
            "街道内已发布的需求（本单位所在社区优先）及本单位认领的需求。", "The street's published needs (the unit's community first) and the needs the unit claimed."),
        ["GET /needs/{needId}"] = new("getNeed", "needs", "查看需求", "Get a need",
            "联系方式仅对本社区和本街道工作人员完整显示，并记入审计日志；其他读者见脱敏信息。",
            "The contact is whole only for the community's and the street's staff, and that read is audited; other readers see it masked."),
        ["POST /needs/{needId}/publish"] = new("publishNeed", "needs", "审核通过并发布", "Publish a need",
            "只对待审核的需求；否则 409。", "Only a need awaiting review; otherwise 409."),
        ["POST /needs/{needId}/reject"] = new("rejectNeed", "needs", "审核不通过", "Reject a need",
            "须填写原因，居民凭查询码可见。", "A reason is required; the resident reads it with the code."),
        ["POST /needs/{needId}/withdraw"] = new("withdrawNeed", "needs", "撤回需求", "Withdraw a need",
            "未办结的需求可撤回，撤回后不能再认领。", "A need not yet done; once withdrawn it can never be claimed."),
        ["POST /needs/{needId}/claim"] = new("claimNeed", "needs", "认领需求", "Claim a need",
            "单位负责人为本单位认领已发布的需求；同时认领只有一个成功，其余答 409；为其他单位认领答 403。",
            "A unit leader claims a published need for their unit; of simultaneous claims one wins and the others get 409; claiming for another unit gets 403."),
        ["POST /needs/{needId}/done"] = new("completeNeed", "needs", "办结需求", "Mark a need done",
            "认领方填写办理情况，须先上传至少一张照片；单位认领的需求办结后记入该单位一条已核实的共建活动（规则7）。",
            "The claimer says what was done, after at least one photo; a need claimed by a unit gives it one verified activity (rule 7)."),
        ["POST /needs/{needId}/photos"] = new("addNeedPhoto", "needs", "上传办理照片", "Upload a photo of a need",
            "认领方在办结前上传 JPEG 或 PNG（内容校验），最多9张。", "The claimer, before it is done; JPEG or PNG (content checked), at most 9."),
        ["GET /need-photos/{needPhotoId}"] = new("getNeedPhoto", "needs", "查看办理照片", "Get a need's photo",
            "thumbnail=true 返回缩略图；范围外答 404。", "thumbnail=true for the thumbnail; 404 outside the caller's scope."),
        ["DELETE /need-photos/{needPhotoId}"] = new("removeNeedPhoto", "needs", "删除办理照片", "Remove a need's photo",
            "办结前可删除。", "While the need is not yet done."),

        // Agreements
        ["GET /streets/{streetId}/agreements"] = new("listAgreements", "agreements", "列出共建协议", "List agreements",
            "可按单位、状态、即将到期、关键词筛选，分页。", "Filter by unit, status, ending soon and search text; paged."),
        ["POST /streets/{streetId}/agreements"] = new("createAgreement", "agreements", "新建共建协议", "Create an agreement",
            "街道工作人员；含承诺事项（类别、出资类型、计量方式、目标）。", "Street staff; with its commitments (category, contribution type, measure, target)."),
        ["GET /agreements/{agreementId}"] = new("getAgreement", "agreements", "查看共建协议", "Get an agreement",
            "协议及其承诺事项。", "The agreement with its commitments."),
        ["PUT /agreements/{agreementId}"] = new("updateAgreement", "agreements", "修改共建协议", "Update an agreement",
            "带 version，过期答 409。", "With the version read; a stale one gets 409."),
        ["GET /agreements/{agreementId}/fulfilment"] = new("getAgreementFulfilment", "agreements", "协议履约情况", "Get an agreement's fulfilment",
            "每项承诺的目标、已完成量和完成率。", "Each commitment's target, achievement and fulfilment."),
        ["POST /agreements/{agreementId}/activate"] = new("activateAgreement", "agreements", "协议生效", "Activate an agreement",
            "草稿 → 生效。", "Draft → active."),
        ["POST /agreements/{agreementId}/terminate"] = new("terminateAgreement", "agreements", "终止协议", "Terminate an agreement",
            "记录终止原因。", "Records the reason."),
        ["POST /agreements/{agreementId}/scan"] = new("uploadAgreementScan", "agreements", "上传协议扫描件", "Upload an agreement's scan",
            "multipart 上传签字盖章的 PDF 或图片，按内容检查类型。", "Multipart upload of the signed PDF or image, checked by content."),
        ["GET /agreements/{agreementId}/scan"] = new("getAgreementScan", "agreements", "下载协议扫描件", "Get an agreement's scan",
            "上传的扫描件原文件。", "The uploaded scan as it was stored.", "application/octet-stream"),

        // Activities
        ["POST /units/{unitId}/activities"] = new("recordActivity", "activities", "登记共建活动", "Record an activity",
            "该单位负责人或街道工作人员；创建后状态为 submitted，待街道核实。", "That unit's leader or street staff; the activity starts as submitted, for the street to verify."),
        ["GET /streets/{streetId}/activities"] = new("listActivities", "activities", "列出共建活动", "List activities",
            "可按状态、单位、类别、日期范围筛选，分页。", "Filter by status, unit, category and date range; paged."),
        ["GET /streets/{streetId}/activities/export"] = new("exportActivities", "activities", "导出共建活动", "Export activities",
            "与列表相同的筛选，导出为 xlsx。", "The list's filters, as an xlsx file.", Xlsx),
        ["GET /activities/{activityId}"] = new("getActivity", "activities", "查看共建活动", "Get an activity",
            "活动及其照片。", "The activity with its photos."),
        ["PUT /activities/{activityId}"] = new("updateActivity", "activities", "修改共建活动", "Update an activity",
            "已核实的活动不能修改。", "A verified activity cannot change."),
        ["POST /activities/{activityId}/verify"] = new("verifyActivity", "activities", "核实活动", "Verify an activity",
            "街道工作人员；核实后计入统计与考评。", "Street staff; a verified activity counts in the figures and the evaluation."),
        ["POST /activities/{activityId}/return"] = new("returnActivity", "activities", "退回活动", "Return an activity",
            "街道工作人员，附退回原因。", "Street staff, with the reason."),
        ["POST /activities/{activityId}/photos"] = new("addActivityPhoto", "activities", "上传活动照片", "Add an activity photo",
            "multipart 上传 JPEG 或 PNG，按内容检查类型。", "Multipart JPEG or PNG upload, checked by content."),
        ["GET /photos/{photoId}"] = new("getPhoto", "activities", "下载活动照片", "Get an activity photo",
            "原图，或 thumbnail=true 时的缩略图。", "The photo, or its thumbnail with thumbnail=true.", "image/jpeg"),
        ["DELETE /photos/{photoId}"] = new("removePhoto", "activities", "删除活动照片", "Remove an activity photo",
            "活动核实前可删除。", "Until the activity is verified."),

        // Meetings and resolutions
        ["POST /streets/{streetId}/meetings"] = new("scheduleMeeting", "meetings", "安排会议", "Schedule a meeting",
            "提前安排会议，会议当日在册的成员单位均收到邀请；时间已过答 422（请用 /meetings/past 补录）。",
            "Schedules a meeting ahead; every member unit active on its date is invited. 422 when its time has passed (record it with /meetings/past)."),
        ["GET /streets/{streetId}/meetings"] = new("listMeetings", "meetings", "列出会议", "List meetings",
            "最新在前，可按年度、类型、状态筛选，分页；单位负责人只看到本单位受邀的会议。",
            "Newest first, filter by year, kind and status; paged. A unit leader sees those their unit is invited to."),
        ["POST /streets/{streetId}/meetings/past"] = new("recordPastMeeting", "meetings", "补录已开会议", "Record a past meeting",
            "补录已经召开的会议，不发邀请；随后登记出席并提交纪要。开始时间尚未到答 422。",
            "Records a meeting that already took place: no invitations; then PUT its attendance and POST hold with the minutes. 422 when its start is still ahead."),
        ["GET /streets/{streetId}/meetings/quarters"] = new("getQuarterCompliance", "meetings", "季度联席会议达标情况", "Get quarterly meeting compliance",
            "每季度已召开的联席会议次数与大党工委规定的最少次数对照。", "Held joint meetings per quarter against the committee's minimum."),
        ["GET /meetings/{meetingId}"] = new("getMeeting", "meetings", "查看会议", "Get a meeting",
            "会议、议程、邀请回复、出席与法定人数。", "The meeting, its agenda, replies, attendance and quorum."),
        ["PUT /meetings/{meetingId}"] = new("updateMeeting", "meetings", "修改会议", "Update a meeting",
            "只能修改计划中的会议；改期后各单位的回复清空，邀请随新日期调整。",
            "Changes a planned meeting; moved to another time, the units' answers are cleared and the invitations follow the new date."),
        ["GET /meetings/{meetingId}/calendar.ics"] = new("getMeetingCalendar", "meetings", "会议日历文件", "Get a meeting's calendar file",
            "iCalendar 格式，可导入日历。", "The meeting as an iCalendar file.", "text/calendar"),
        ["PUT /meetings/{meetingId}/attendance"] = new("recordAttendance", "meetings", "登记出席", "Record attendance",
            "每个单位的最终出席情况（出席、委托、请假、缺席）；返回实时法定人数。",
            "Final attendance per unit: present, delegated, excused, absent. The answer carries the live quorum."),
        ["POST /meetings/{meetingId}/reply"] = new("replyToInvitation", "meetings", "回复会议邀请", "Reply to an invitation",
            "单位负责人回复：参加、请假（备注原因）或委托（备注受托人）。",
            "A unit leader answers the invitation: attend, leave (note = reason) or delegate (note = the delegate)."),
        ["POST /meetings/{meetingId}/hold"] = new("holdMeeting", "meetings", "会议已召开", "Hold a meeting",
            "提交会议纪要，标记为已召开。", "Records the minutes and marks the meeting held."),
        ["POST /meetings/{meetingId}/cancel"] = new("cancelMeeting", "meetings", "取消会议", "Cancel a meeting",
            "取消计划中的会议并通知受邀单位。", "Cancels a planned meeting and tells the invited units."),
        ["POST /meetings/{meetingId}/resolutions"] = new("recordResolution", "meetings", "登记议定事项", "Record a resolution",
            "会议未达法定人数或表决未通过答 422（消息给出票数）；number 为空时取下一个编号。",
            "201, or 422 when the meeting lacks quorum or the vote does not adopt it (the message gives the numbers). A null number takes the next free one."),
        ["POST /resolution-progress/{progressId}/attachments"] = new("addResolutionAttachment", "meetings", "上传进展附件", "Attach a file to a progress update",
            "PDF、JPEG 或 PNG，不超过 10 MB，按内容检查，每次进展最多 5 个。",
            "Attaches a PDF, JPEG or PNG (at most 10 MB, checked by content, 5 per update) to a progress update."),
        ["GET /resolution-attachments/{attachmentId}"] = new("getResolutionAttachment", "meetings", "下载进展附件", "Get a progress attachment",
            "上传的原文件。", "The uploaded file as it was stored.", "application/octet-stream"),
        ["GET /streets/{streetId}/resolutions"] = new("listResolutions", "meetings", "列出议定事项", "List resolutions",
            "逾期的在前；status 为 notStarted、inProgress、completed 或 overdue（派生：已过期限未完成），分页。",
            "Overdue first; status notStarted, inProgress, completed or overdue (derived: deadline passed, not completed); paged."),
        ["GET /resolutions/{resolutionId}"] = new("getResolution", "meetings", "查看议定事项", "Get a resolution",
            "议定事项及其进展记录。", "The resolution with its progress updates."),
        ["POST /resolutions/{resolutionId}/progress"] = new("postResolutionProgress", "meetings", "报告落实进展", "Report progress on a resolution",
            "牵头或协办单位负责人，或街道工作人员。", "The lead or a co-operating unit's leader, or street staff."),
        ["POST /resolutions/{resolutionId}/complete"] = new("completeResolution", "meetings", "议定事项办结", "Complete a resolution",
            "街道工作人员或牵头单位负责人。", "Street staff, or the lead unit's leader."),
        ["GET /units/{unitId}/attendance"] = new("getUnitAttendance", "meetings", "单位出席记录", "Get a unit's attendance",
            "该单位一年内受邀会议及出席情况。", "The meetings the unit was invited to in a year, with its attendance."),

        // Evaluations
        ["GET /streets/{streetId}/evaluations"] = new("listEvaluations", "evaluations", "列出年度考评", "List evaluation campaigns",
            "街道的考评，按年度倒序。", "The street's evaluation campaigns, newest year first."),
        ["POST /streets/{streetId}/evaluations"] = new("createEvaluation", "evaluations", "新建年度考评", "Create an evaluation campaign",
            "建立草稿：评议时段、指标权重（默认 20/30/10/20/20，合计 100）与等次分数线。",
            "Creates the year's campaign as a draft: ballot window, weights (default 20/30/10/20/20, summing to 100) and grade thresholds."),
        ["GET /evaluations/{evaluationId}"] = new("getEvaluation", "evaluations", "查看年度考评", "Get an evaluation campaign",
            "设置与投票情况（已投票数、剩余评议码）。", "Its settings and turnout (ballots cast, codes left)."),
        ["PUT /evaluations/{evaluationId}"] = new("updateEvaluation", "evaluations", "修改年度考评", "Update an evaluation campaign",
            "草稿期间可改评议时段、权重或分数线（年度不可改）。", "Changes the window, weights or thresholds while the campaign is a draft (the year cannot change)."),
        ["POST /evaluations/{evaluationId}/open"] = new("openEvaluation", "evaluations", "开始评议", "Open an evaluation",
            "草稿 → 评议中：当前在册单位列入评议，评议码在时段内可用；次序不对答 409。",
            "Draft → open: the units active now are put on the ballot; codes can be used inside the window. 409 out of order."),
        ["POST /evaluations/{evaluationId}/close"] = new("closeEvaluation", "evaluations", "截止评议", "Close an evaluation",
            "评议中 → 已截止：不再接受网上投票，结果对工作人员可见；次序不对答 409。",
            "Open → closed: no more online ballots; results become visible to staff. 409 out of order."),
        ["POST /evaluations/{evaluationId}/finalise"] = new("finaliseEvaluation", "evaluations", "考评定稿", "Finalise an evaluation",
            "已截止 → 已定稿：重新计算并永久保存；次序不对答 409。", "Closed → finalised: the figures are computed once more and stored for good. 409 out of order."),
        ["POST /evaluations/{evaluationId}/publish"] = new("publishEvaluation", "evaluations", "通报考评结果", "Publish an evaluation",
            "已定稿 → 已通报：单位负责人看到本单位结果，组织部看到全部；次序不对答 409。",
            "Finalised → published: unit leaders see their own row, the organisation department all rows. 409 out of order."),
        ["POST /evaluations/{evaluationId}/codes"] = new("issueBallotCodes", "evaluations", "发放评议码", "Issue ballot codes",
            "一次性评议码明文只在本次答复中出现（系统只保存其哈希）。", "Issues one-time codes; the plain codes are in this answer only (the portal keeps their hashes)."),
        ["POST /ballots"] = new("castBallot", "evaluations", "群众投票", "Cast a ballot",
            "居民凭一次性评议码投票，无需登录：未知评议码 404，已使用 409，时段外或评价有误 422，尝试过多 429。",
            "A resident casts a ballot with a one-time code, no sign-in: 404 unknown code, 409 used, 422 window closed or bad ratings, 429 too many attempts."),
        ["POST /evaluations/{evaluationId}/paper-ballots"] = new("enterPaperBallot", "evaluations", "录入纸质选票", "Enter a paper ballot",
            "工作人员录入纸质选票（可填选票编号，同一考评内唯一），与网上投票同等计入并标为纸质。",
            "Staff enter a paper ballot (optional sheet number, unique per campaign); it counts the same, marked paper."),
        ["GET /evaluations/{evaluationId}/results"] = new("getEvaluationResults", "evaluations", "考评结果", "Get evaluation results",
            "各单位各项指标得分（加权后；不计入的为 null）、加减分、总分、名次与等次；评议截止前不公开。",
            "Every unit's indicators (weighted points; null when left out), adjustment, total, rank and grade. Sealed until the window closes."),
        ["POST /evaluations/{evaluationId}/adjustments"] = new("adjustAssessment", "evaluations", "加减分", "Adjust a unit's assessment",
            "截止后、定稿前设置单位的加减分（±20 分，一位小数）及理由；0 表示取消。",
            "Sets a unit's manual adjustment (±20 points, one decimal) with its reason, after closing and before finalising; 0 removes it."),
        ["GET /units/{unitId}/evaluations"] = new("getUnitEvaluationHistory", "evaluations", "单位历年考评", "Get a unit's evaluation history",
            "该单位各年度保存的考评结果（单位负责人只看到已通报的）。", "The unit's stored assessments by year (its leaders see published ones)."),

        // Reports
        ["GET /reports/verify/{verificationCode}"] = new("verifyReport", "reports", "核验报告", "Verify a report",
            "无需登录：该核验码对应的报告是否出具、为何种报告、哪个街道哪一年、由谁何时出具及其 SHA-256；否则 404。",
            "Anyone: whether a report with this verification code was issued, what it is, for which street and year, by whom and when, and its SHA-256; 404 otherwise."),
        ["POST /reports/verify/{verificationCode}"] = new("verifyReportFile", "reports", "核验报告文件", "Verify a report file",
            "无需登录：multipart 上传 file，判断是否与出具的 PDF 完全一致（SHA-256 与长度相同）。",
            "Anyone: multipart `file` → whether it is byte-identical to the issued PDF (same SHA-256 and length)."),
        ["GET /meetings/{meetingId}/minutes.pdf"] = new("getMeetingMinutesPdf", "reports", "会议纪要 PDF", "Get the meeting minutes PDF",
            "已召开会议的纪要，作为出具的 PDF（带核验码）；会议未召开答 409。", "The minutes of a held meeting as an issued PDF (with a verification code); 409 while the meeting is not held.", Pdf),
        ["GET /organisation-departments/{departmentId}/summary.pdf"] = new("getDistrictSummaryPdf", "reports", "街道共驻共建工作汇总 PDF", "Get the district summary PDF",
            "组织部某一年所有街道的并列汇总及图表，作为出具的 PDF。", "An organisation department's streets side by side for a year, with a chart; an issued PDF.", Pdf),
        ["GET /evaluations/{evaluationId}/report.pdf"] = new("getAnnualReportPdf", "reports", "年度共驻共建考核报告 PDF", "Get the annual assessment report PDF",
            "定稿前标注“草稿”。街道工作人员自已截止起可取；组织部在通报后可取（之前 409）。",
            "The street's annual assessment report; marked 草稿 (draft) until finalised. Street staff from closing on; the organisation department once published (409 before).", Pdf),
        ["GET /evaluations/{evaluationId}/units/{unitId}/feedback.pdf"] = new("getUnitFeedbackPdf", "reports", "成员单位考核反馈单 PDF", "Get a unit's feedback sheet PDF",
            "定稿前标注“草稿”。街道工作人员；组织部与该单位负责人在通报后可取。",
            "A unit's feedback sheet; marked 草稿 (draft) until finalised. Street staff; the organisation department and the unit's own leaders once published.", Pdf),

        // Dashboard
        ["GET /streets/{streetId}/dashboard"] = new("getStreetDashboard", "dashboard", "街道看板", "Get a street's dashboard",
            "某年度（默认今年）的各项数据及截至今天的待办数；街道工作人员、所属组织部、系统管理员。",
            "The street's figures for a year (default: this year) and its to-do counts as of today; street staff, its organisation department, administrators."),
        ["GET /organisation-departments/{departmentId}/streets"] = new("getDepartmentOverview", "dashboard", "组织部街道总览", "Get a department's overview of streets",
            "各街道某年度并列：单位数、已核实活动、志愿时长、联席会议达标、议定事项按期办结、考评。",
            "The department's streets side by side for a year: units, verified activities, volunteer hours, joint-meeting compliance, resolutions on time, evaluation."),
        ["GET /organisation-departments/{departmentId}/streets/export"] = new("exportDepartmentOverview", "dashboard", "导出街道总览", "Export a department's overview",
            "同一张表，导出为 xlsx。", "The same table as an xlsx file.", Xlsx),
        ["GET /organisation-departments/{departmentId}/reports.zip"] = new("getDepartmentReportsZip", "dashboard", "打包下载年度报告", "Get the year's reports as a ZIP",
            "该年度各街道的年度考核报告打包为一个 ZIP；尚无报告时 404。", "Every street's annual assessment report of the year in one ZIP; 404 when there is none yet.", "application/zip"),

        // Notifications
        ["GET /notifications"] = new("listNotifications", "notifications", "列出我的通知", "List my notifications",
            "调用者自己的通知，最新在前，标题与正文使用调用者的语言；分页。", "The caller's own notifications, newest first; title and text in the caller's language; paged."),
        ["GET /notifications/unread-count"] = new("getUnreadNotificationCount", "notifications", "未读通知数", "Count unread notifications",
            "调用者的未读通知数。", "How many of the caller's notifications are unread."),
        ["POST /notifications/{notificationId}/read"] = new("markNotificationRead", "notifications", "标为已读", "Mark a notification read",
            "只能标记自己的通知；他人的答 404。", "Marks one of the caller's notifications read; another person's is 404."),
        ["POST /notifications/read-all"] = new("markAllNotificationsRead", "notifications", "全部标为已读", "Mark all notifications read",
            "返回标记的条数。", "Answers how many were marked."),
    };

    /// <summary>The row of an operation: <paramref name="method"/> and the route as the API explorer gives it (below or with <c>api/v1</c>, constraints allowed).</summary>
    public static ApiOperationText? Find(string? method, string? route)
    {
        if (method is null || route is null)
        {
            return null;
        }

        var path = "/" + route.TrimStart('/');
        if (path.StartsWith("/api/v1/", StringComparison.Ordinal))
        {
            path = path["/api/v1".Length..];
        }

        path = System.Text.RegularExpressions.Regex.Replace(path, @"\{([^}:?]+)[^}]*\}", "{$1}");
        return ByRoute.GetValueOrDefault($"{method.ToUpperInvariant()} {path}");
    }
}
