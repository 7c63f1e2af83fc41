using CommunityPartyBuilding.Web.Features.Resources;
using CommunityPartyBuilding.Web.Features.Units;

namespace CommunityPartyBuilding.Web.Data.Seeding;

/// <summary>Fictional but realistic member units for the demo streets, with well-formed credit codes.</summary>
internal static class DemoUnits
{
    public sealed record Unit(
        string Name,
        string CodePrefix,
        UnitCategory Category,
        string PartyName,
        PartyOrganisationType PartyType,
        int Members,
        string Address,
        string Community,
        string Contact,
        string Phone,
        DateOnly Joined,
        ResourceKind[] Resources,
        string Notes);

    private static int serial = 1000;

    /// <summary>Starts the code sequence again, so every seeding produces the same codes.</summary>
    public static void Reset() => serial = 1000;

    /// <summary>A code with the registration prefix given (e.g. "11" organ, "12" institution, "91" enterprise) and a computed check character.</summary>
    public static string Code(string prefix, string division = "330102")
    {
        serial += 37;
        var body = prefix + division + "MA" + serial.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        return body + CreditCode.CheckCharacter(body);
    }

    public static readonly Unit[] Donghu =
    [
        new("东湖区人民检察院", "11", UnitCategory.PartyGovernmentOrgan, "东湖区人民检察院机关党委", PartyOrganisationType.Committee, 86, "东湖大道88号", "东湖社区", "周志刚", "0571-87012345", new(2019, 7, 1), [ResourceKind.Venue, ResourceKind.Expertise], "法治宣传讲座；会议室可借用"),
        new("东湖区市场监督管理局", "11", UnitCategory.PartyGovernmentOrgan, "东湖区市场监督管理局党总支", PartyOrganisationType.GeneralBranch, 42, "湖滨路12号", "滨江社区", "郑丽", "0571-87023456", new(2019, 7, 1), [ResourceKind.Expertise], "食品安全、消费维权咨询"),
        new("东湖区税务局第一税务所", "11", UnitCategory.PartyGovernmentOrgan, "东湖区税务局第一税务所党支部", PartyOrganisationType.Branch, 19, "新华路201号", "新华社区", "冯晓东", "0571-87034567", new(2021, 3, 15), [ResourceKind.Expertise], "个税、社保政策辅导"),
        new("东湖区疾病预防控制中心", "12", UnitCategory.PublicInstitution, "东湖区疾控中心党支部", PartyOrganisationType.Branch, 31, "桃源街6号", "桃源社区", "何敏", "0571-87045678", new(2019, 7, 1), [ResourceKind.Expertise, ResourceKind.Volunteers], "健康义诊、疫苗接种宣传"),
        new("东湖区图书馆", "12", UnitCategory.PublicInstitution, "东湖区图书馆党支部", PartyOrganisationType.Branch, 12, "文化路5号", "东湖社区", "罗静", "0571-87056789", new(2020, 5, 20), [ResourceKind.Venue], "阅览室、报告厅"),
        new("东湖区公共资源交易中心", "12", UnitCategory.PublicInstitution, "东湖区公共资源交易中心党支部", PartyOrganisationType.Branch, 15, "湖滨路30号", "滨江社区", "谢军", "13905712345", new(2022, 1, 10), [], ""),
        new("国网东湖供电公司", "91", UnitCategory.StateOwnedEnterprise, "国网东湖供电公司党委", PartyOrganisationType.Committee, 156, "电力路1号", "四营社区", "宋建国", "0571-87067890", new(2019, 7, 1), [ResourceKind.Volunteers, ResourceKind.Expertise, ResourceKind.Funds], "共产党员服务队；用电安全检查"),
        new("东湖水务集团有限公司", "91", UnitCategory.StateOwnedEnterprise, "东湖水务集团党委", PartyOrganisationType.Committee, 98, "清泉路9号", "四营社区", "韩伟", "0571-87078901", new(2019, 9, 1), [ResourceKind.Funds, ResourceKind.Volunteers], "老旧管网改造"),
        new("中国工商银行东湖支行", "91", UnitCategory.StateOwnedEnterprise, "工行东湖支行党总支", PartyOrganisationType.GeneralBranch, 37, "东湖大道120号", "东湖社区", "唐晓燕", "0571-87089012", new(2020, 6, 1), [ResourceKind.Venue, ResourceKind.Expertise], "金融知识进社区；防诈骗宣传"),
        new("东湖邮政分公司", "91", UnitCategory.StateOwnedEnterprise, "东湖邮政分公司党支部", PartyOrganisationType.Branch, 22, "邮电路3号", "新华社区", "许波", "13605713456", new(2021, 4, 12), [ResourceKind.Volunteers], "为老人代寄代取"),
        new("杭城智联科技有限公司", "91", UnitCategory.PrivateEnterprise, "杭城智联科技党支部", PartyOrganisationType.Branch, 14, "创新路66号", "滨江社区", "邓磊", "13805714567", new(2022, 3, 1), [ResourceKind.Funds, ResourceKind.Expertise], "智慧社区系统维护"),
        new("湖畔餐饮管理有限公司", "91", UnitCategory.PrivateEnterprise, "湖畔餐饮联合党支部", PartyOrganisationType.JointBranch, 8, "美食街21号", "东湖社区", "曹丽娟", "13705715678", new(2023, 2, 15), [ResourceKind.Funds, ResourceKind.Venue], "老年助餐点"),
        new("东湖商贸城经营管理有限公司", "91", UnitCategory.PrivateEnterprise, "东湖商贸城党总支", PartyOrganisationType.GeneralBranch, 26, "商贸路100号", "桃源社区", "彭涛", "15805716789", new(2020, 8, 18), [ResourceKind.Venue, ResourceKind.Funds], "就业招聘会场地"),
        new("东湖区志愿者协会", "51", UnitCategory.SocialOrganisation, "东湖区志愿者协会党支部", PartyOrganisationType.Branch, 11, "湖滨路8号", "滨江社区", "袁芳", "13905717890", new(2020, 3, 5), [ResourceKind.Volunteers], "志愿者招募与培训"),
        new("暖心社会工作服务中心", "52", UnitCategory.SocialOrganisation, "暖心社工中心党支部", PartyOrganisationType.Branch, 7, "桃源街18号", "桃源社区", "蒋慧", "13605718901", new(2021, 9, 9), [ResourceKind.Expertise, ResourceKind.Volunteers], "困难家庭帮扶个案"),
        new("东湖区律师协会", "51", UnitCategory.SocialOrganisation, "东湖区律师行业联合党支部", PartyOrganisationType.JointBranch, 23, "法院路2号", "新华社区", "沈浩", "13805719012", new(2022, 5, 4), [ResourceKind.Expertise], "每周法律咨询"),
        new("武警某部东湖中队", "N2", UnitCategory.MilitaryUnit, "武警东湖中队党支部", PartyOrganisationType.Branch, 18, "营房路1号", "四营社区", "吕指导员", "0571-87090123", new(2019, 7, 1), [ResourceKind.Volunteers], "平安巡逻、应急救援"),
        new("东湖区第一实验小学", "12", UnitCategory.School, "东湖区第一实验小学党支部", PartyOrganisationType.Branch, 28, "学院路18号", "东湖社区", "王老师", "0571-87101234", new(2019, 7, 1), [ResourceKind.Venue, ResourceKind.Volunteers], "操场周末开放；四点半课堂"),
        new("东湖中学", "12", UnitCategory.School, "东湖中学党总支", PartyOrganisationType.GeneralBranch, 45, "学院路36号", "新华社区", "丁校长", "0571-87112345", new(2019, 7, 1), [ResourceKind.Venue], "体育馆、报告厅"),
        new("东湖区人民医院", "12", UnitCategory.Hospital, "东湖区人民医院党委", PartyOrganisationType.Committee, 210, "健康路1号", "桃源社区", "孙院长", "0571-87123456", new(2019, 7, 1), [ResourceKind.Expertise, ResourceKind.Volunteers], "家庭医生签约、义诊"),
        new("东湖社区卫生服务中心", "12", UnitCategory.Hospital, "东湖社区卫生服务中心党支部", PartyOrganisationType.Branch, 16, "东湖路45号", "东湖社区", "钱医生", "13905710123", new(2020, 1, 8), [ResourceKind.Expertise], "慢病管理"),
        new("绿城物业服务集团东湖项目部", "91", UnitCategory.PropertyManagement, "绿城物业东湖项目党支部", PartyOrganisationType.Branch, 9, "湖光小区物业楼", "滨江社区", "李经理", "13605711234", new(2021, 6, 1), [ResourceKind.Venue, ResourceKind.Volunteers], "小区公共用房"),
        new("东湖安居物业管理有限公司", "91", UnitCategory.PropertyManagement, "安居物业联合党支部", PartyOrganisationType.JointBranch, 6, "四营新村12幢", "四营社区", "赵主管", "13805712345", new(2023, 8, 20), [ResourceKind.Volunteers], "楼道环境整治"),
        new("东湖区红十字会", "N1", UnitCategory.Other, "东湖区红十字会党支部", PartyOrganisationType.Branch, 5, "湖滨路16号", "滨江社区", "陆红", "13705713456", new(2022, 10, 1), [ResourceKind.Funds, ResourceKind.Expertise], "应急救护培训"),
    ];

    public static readonly Unit[] Xicheng =
    [
        new("西城区发展和改革局", "11", UnitCategory.PartyGovernmentOrgan, "西城区发改局机关党支部", PartyOrganisationType.Branch, 24, "西城大道1号", "西城社区", "高原", "0571-88012345", new(2020, 4, 1), [ResourceKind.Expertise], ""),
        new("西城区文化馆", "12", UnitCategory.PublicInstitution, "西城区文化馆党支部", PartyOrganisationType.Branch, 10, "文艺路7号", "和平社区", "林芳", "0571-88023456", new(2020, 4, 1), [ResourceKind.Venue], "排练厅"),
        new("西城燃气有限公司", "91", UnitCategory.StateOwnedEnterprise, "西城燃气党委", PartyOrganisationType.Committee, 64, "能源路5号", "长青社区", "方强", "0571-88034567", new(2020, 4, 1), [ResourceKind.Volunteers, ResourceKind.Expertise], "燃气安全入户检查"),
        new("长青医药连锁有限公司", "91", UnitCategory.PrivateEnterprise, "长青医药党支部", PartyOrganisationType.Branch, 9, "长青路19号", "长青社区", "陈静怡", "13905721234", new(2021, 7, 1), [ResourceKind.Funds], ""),
        new("西城区慈善总会", "51", UnitCategory.SocialOrganisation, "西城区慈善总会党支部", PartyOrganisationType.Branch, 6, "和平街3号", "和平社区", "杨慈", "13605722345", new(2020, 11, 11), [ResourceKind.Funds], "困难家庭救助"),
        new("消防救援西城站", "N2", UnitCategory.MilitaryUnit, "西城消防救援站党支部", PartyOrganisationType.Branch, 21, "安全路2号", "西城社区", "郭站长", "0571-88045678", new(2020, 4, 1), [ResourceKind.Expertise, ResourceKind.Volunteers], "消防演练"),
        new("西城实验幼儿园", "12", UnitCategory.School, "西城实验幼儿园党支部", PartyOrganisationType.Branch, 8, "童趣路4号", "和平社区", "黄园长", "0571-88056789", new(2021, 2, 1), [ResourceKind.Venue], ""),
        new("西城职业技术学校", "12", UnitCategory.School, "西城职业技术学校党委", PartyOrganisationType.Committee, 52, "工匠路10号", "长青社区", "马书记", "0571-88067890", new(2020, 4, 1), [ResourceKind.Expertise, ResourceKind.Venue], "技能培训"),
        new("西城区中医院", "12", UnitCategory.Hospital, "西城区中医院党委", PartyOrganisationType.Committee, 120, "杏林路1号", "西城社区", "邵院长", "0571-88078901", new(2020, 4, 1), [ResourceKind.Expertise], "中医义诊"),
        new("万家物业西城分公司", "91", UnitCategory.PropertyManagement, "万家物业西城联合党支部", PartyOrganisationType.JointBranch, 5, "和平小区", "和平社区", "田经理", "13805723456", new(2022, 9, 1), [ResourceKind.Volunteers], ""),
        new("西城区工商业联合会", "51", UnitCategory.Other, "西城区工商联党支部", PartyOrganisationType.Branch, 7, "商会路8号", "西城社区", "冉会长", "13705724567", new(2021, 5, 5), [ResourceKind.Funds], ""),
        new("西城新华书店", "91", UnitCategory.StateOwnedEnterprise, "西城新华书店党支部", PartyOrganisationType.Branch, 11, "书香路2号", "长青社区", "葛红", "13605725678", new(2023, 4, 23), [ResourceKind.Venue], "读书会"),
    ];

    /// <summary>
    /// A demo unit's 资源清单: one resource per kind it offers, with a capacity in proportion to its size, the unit's
    /// own words as the details, serving its community (funds: the whole street).
    /// </summary>
    public static IEnumerable<UnitResource> ResourcesOf(Unit demo, MemberUnit unit) => demo.Resources.Select(kind => new UnitResource
    {
        StreetId = unit.StreetId,
        UnitId = unit.Id,
        Kind = kind,
        Title = kind switch
        {
            ResourceKind.Venue => "活动场地",
            ResourceKind.Funds => "共建资金",
            ResourceKind.Volunteers => "志愿服务队",
            ResourceKind.Expertise => "专业服务",
            _ => "捐赠物资",
        },
        Description = demo.Notes,
        Capacity = kind switch
        {
            ResourceKind.Venue => 30 + demo.Members % 5 * 10,
            ResourceKind.Funds => 5000 + demo.Members * 100,
            ResourceKind.Volunteers => Math.Max(5, demo.Members / 3),
            ResourceKind.Expertise => Math.Max(2, demo.Members / 10),
            _ => 50,
        },
        Measure = ResourceRules.DefaultMeasure(kind),
        Availability = kind switch
        {
            ResourceKind.Venue => "工作日 9:00–17:00，提前三天预约",
            ResourceKind.Funds => "按年度共建计划拨付",
            ResourceKind.Volunteers => "周末及节假日",
            _ => "提前一周预约",
        },
        CommunityIds = kind == ResourceKind.Funds || unit.CommunityId is null ? [] : [unit.CommunityId.Value],
    });
}
