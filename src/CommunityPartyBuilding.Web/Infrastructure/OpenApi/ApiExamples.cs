using System.Text.Json.Nodes;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Resources;
using CommunityPartyBuilding.Web.Features.Units;

namespace CommunityPartyBuilding.Web.Infrastructure.OpenApi;

/// <summary>Request examples of the main writes, and the enumerations that query strings take as text.</summary>
public static class ApiExamples
{
    /// <summary>JSON request bodies by operationId.</summary>
    public static readonly IReadOnlyDictionary<string, string> RequestBodies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["issueToken"] = """{ "email": "staff.donghu@example.org", "password": "••••••••", "twoFactorCode": null }""",
        ["createUnit"] = """
            {
              "name": "东湖科技有限公司", "creditCode": "91310000MA1FL0XX1Q", "category": "privateEnterprise",
              "partyOrganisationName": "东湖科技有限公司党支部", "partyOrganisationType": "branch", "partyMemberCount": 12,
              "address": "东湖路 88 号", "contactPerson": "李明", "contactPhone": "13800000000", "joinedOn": "2025-03-01"
            }
            """,
        ["createUnitResource"] = """
            {
              "kind": "venue", "title": "三楼多功能会议室", "description": "可容纳 40 人，有投影和音响。",
              "capacity": 40, "measure": "seats", "availability": "工作日 9:00–17:00，提前三天预约", "communityIds": []
            }
            """,
        ["recordActivity"] = """
            {
              "title": "社区义诊", "category": "convenienceService", "heldOn": "2025-05-10", "place": "东湖社区服务中心",
              "participants": 30, "partyMemberParticipants": 12, "volunteerHours": 60, "funds": 1500, "beneficiaries": 200,
              "description": "为社区老人免费量血压、测血糖。"
            }
            """,
        ["scheduleMeeting"] = """
            {
              "kind": "jointMeeting", "title": "2025 年第二季度联席会议", "scheduledAt": "2025-06-20T14:30:00+08:00",
              "place": "街道党群服务中心 201 会议室", "convener": "街道党工委", "agenda": ["通报上季度共建项目进展", "审议下半年活动计划"]
            }
            """,
    };

    /// <summary>Query parameters that take an enumeration spelled as in JSON (camelCase), by operationId.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, Type>> QueryEnums = new Dictionary<string, IReadOnlyDictionary<string, Type>>(StringComparer.Ordinal)
    {
        ["listUnits"] = new Dictionary<string, Type> { ["category"] = typeof(UnitCategory), ["status"] = typeof(UnitStatus), ["sort"] = typeof(UnitSort) },
        ["exportUnits"] = new Dictionary<string, Type> { ["category"] = typeof(UnitCategory), ["status"] = typeof(UnitStatus) },
        ["listAgreements"] = new Dictionary<string, Type> { ["status"] = typeof(AgreementStatus) },
        ["listActivities"] = new Dictionary<string, Type> { ["status"] = typeof(ActivityStatus), ["category"] = typeof(ServiceCategory) },
        ["exportActivities"] = new Dictionary<string, Type> { ["status"] = typeof(ActivityStatus), ["category"] = typeof(ServiceCategory) },
        ["listMeetings"] = new Dictionary<string, Type> { ["kind"] = typeof(MeetingKind), ["status"] = typeof(MeetingStatus) },
        ["listResolutions"] = new Dictionary<string, Type> { ["status"] = typeof(ResolutionState) },
        ["listUsers"] = new Dictionary<string, Type> { ["role"] = typeof(PortalRole) },
        ["listStreetResources"] = new Dictionary<string, Type> { ["kind"] = typeof(ResourceKind) },
    };

    public static JsonNode? RequestBody(string operationId) =>
        RequestBodies.TryGetValue(operationId, out var json) ? JsonNode.Parse(json) : null;
}
