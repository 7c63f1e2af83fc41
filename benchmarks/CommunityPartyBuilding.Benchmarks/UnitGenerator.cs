using System.Globalization;
using System.Text;
using CommunityPartyBuilding.Web.Features.Units;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>One generated member unit, in the shape of the "MemberUnits" table.</summary>
public sealed record GeneratedUnit(
    Guid Id,
    string Name,
    string CreditCode,
    UnitCategory Category,
    string PartyOrganisationName,
    PartyOrganisationType PartyOrganisationType,
    int PartyMemberCount,
    string Address,
    Guid? CommunityId,
    string ContactPerson,
    string ContactPhone,
    DateOnly JoinedOn,
    UnitStatus Status,
    DateOnly? WithdrawnOn,
    string? WithdrawalReason);

/// <summary>
/// Realistic, reproducible member units for one street: the mix of a busy urban street (mostly private companies,
/// then institutions, associations, property managers, a few organs, schools and hospitals), names built the way
/// Chinese unit names are (城市 + 字号 + 行业 + 组织形式), valid 统一社会信用代码 (GB 32100-2015 check character) that
/// are unique within the street, and about 10% of units withdrawn.
/// </summary>
public static class UnitGenerator
{
    // Trade-name characters (字号). 科/技/限/公/司 are left out so that search terms match only through the industry part.
    private const string TradeChars = "华信达瑞鑫泰恒源博创宏远安康嘉禾新盛锦润启明智联腾飞云海天正和睿德隆丰汇通诚优卓越星辰浩宇峰晨阳光蓝绿青金银龙凤祥瀚易美佳乐众合力";

    private static readonly string[] Cities = ["杭州", "浙江", "东湖", "钱塘", "西湖"];

    // (industry, weight). 科技 appears in several industries, as it does in real registers.
    private static readonly (string Industry, int Weight)[] PrivateIndustries =
    [
        ("科技", 9), ("网络科技", 6), ("信息技术", 6), ("智能科技", 4), ("生物科技", 3), ("环保科技", 2), ("教育科技", 3),
        ("电子商务", 6), ("文化传媒", 6), ("餐饮管理", 7), ("商贸", 8), ("建筑工程", 5), ("装饰工程", 5), ("物流", 4),
        ("医药", 3), ("咨询服务", 5), ("广告", 3), ("贸易", 6), ("房地产经纪", 3), ("汽车服务", 3), ("人力资源", 3),
    ];

    private static readonly string[] StateOwnedPatterns =
    [
        "{0}水务集团有限公司", "{0}城市建设投资集团有限公司", "{0}公交集团有限公司", "{0}燃气有限公司", "{0}供电公司",
        "中国工商银行{0}支行", "中国建设银行{0}支行", "中国农业银行{0}支行", "中国银行{0}支行", "{0}邮政分公司",
        "中国移动{0}分公司", "中国电信{0}分公司", "{0}新华书店有限公司", "{0}国有资产经营有限公司",
    ];

    private static readonly string[] Organs = ["市场监督管理所", "税务所", "司法所", "派出所", "城市管理中队", "消防救援站", "应急管理办公室", "人力社保服务站", "退役军人服务站", "统计站"];

    private static readonly string[] Institutions = ["疾病预防控制中心", "图书馆分馆", "文化馆", "档案馆", "公证处", "供水服务站", "环境监测站", "党群服务中心", "青少年活动中心", "职业介绍中心"];

    private static readonly string[] Associations = ["志愿者协会", "个体劳动者协会", "商会", "慈善分会", "律师行业协会", "老年人协会", "书画协会", "社区发展促进会", "青年创业促进会", "楼宇经济联合会"];

    private static readonly string[] Schools = ["第一实验小学", "第二小学", "实验中学", "外国语学校", "职业技术学校", "幼儿园", "艺术幼儿园", "培智学校"];

    private static readonly string[] Hospitals = ["人民医院", "中医院", "社区卫生服务中心", "口腔医院", "妇幼保健院", "康复医院", "门诊部"];

    private static readonly string[] Roads = ["东湖大道", "湖滨路", "新华路", "桃源街", "文化路", "创新路", "学院路", "健康路", "商贸路", "清泉路", "电力路", "滨江路", "四营路", "美食街", "科创大道"];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];

    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "建华", "志刚", "晓燕", "海燕", "文博", "雪梅"];

    private static readonly string[] Reasons = ["企业迁出辖区", "单位注销", "机构改革，职能调整", "党组织关系转出", "经营场所变更至其他街道"];

    /// <summary>Generates <paramref name="count"/> units; codes in <paramref name="takenCodes"/> (the street's existing ones) are avoided.</summary>
    public static List<GeneratedUnit> Generate(int count, IReadOnlyList<Guid> communityIds, ISet<string> takenCodes, int seed = 20_261_124)
    {
        var random = new Random(seed);
        var units = new List<GeneratedUnit>(count);
        var industryTotal = PrivateIndustries.Sum(i => i.Weight);
        for (var n = 0; n < count; n++)
        {
            var roll = random.Next(100);
            var (category, name, prefix, partyType) = roll switch
            {
                < 52 => (UnitCategory.PrivateEnterprise, PrivateName(random, industryTotal), "91", PartyOrganisationType.Branch),
                < 60 => (UnitCategory.StateOwnedEnterprise, string.Format(CultureInfo.InvariantCulture, Pick(random, StateOwnedPatterns), Pick(random, Cities) + Pick(random, ["", "东湖", "湖滨", "新华"])), "91", PartyOrganisationType.GeneralBranch),
                < 67 => (UnitCategory.PropertyManagement, TradeName(random) + "物业服务有限公司" + Pick(random, ["", "", "东湖项目部", "桃源项目部", "滨江项目部"]), "91", PartyOrganisationType.JointBranch),
                < 77 => (UnitCategory.SocialOrganisation, Pick(random, ["东湖区", "东湖街道", TradeName(random)]) + Pick(random, Associations), "51", PartyOrganisationType.Branch),
                < 85 => (UnitCategory.PublicInstitution, "东湖区" + Pick(random, Institutions) + Pick(random, ["", "东湖分部", "第二分部"]), "12", PartyOrganisationType.Branch),
                < 90 => (UnitCategory.PartyGovernmentOrgan, Pick(random, ["东湖区", "东湖街道", "湖滨"]) + Pick(random, Organs), "11", PartyOrganisationType.Branch),
                < 95 => (UnitCategory.School, "东湖区" + Pick(random, Schools) + Pick(random, ["", "东校区", "西校区"]), "12", PartyOrganisationType.GeneralBranch),
                < 98 => (UnitCategory.Hospital, "东湖区" + Pick(random, Hospitals) + Pick(random, ["", "湖滨院区", "新华院区"]), "12", PartyOrganisationType.Committee),
                < 99 => (UnitCategory.MilitaryUnit, "武警" + Pick(random, ["东湖", "湖滨", "新华"]) + "中队", "N2", PartyOrganisationType.Branch),
                _ => (UnitCategory.Other, Pick(random, ["东湖区红十字会", "东湖区残疾人联合会", "东湖区妇女联合会", "东湖区科学技术协会"]), "N1", PartyOrganisationType.Branch),
            };

            var code = NewCode(random, prefix, takenCodes);
            var joined = new DateOnly(2019, 7, 1).AddDays(random.Next(0, 2300));
            var withdrawn = random.Next(10) == 0;
            var members = category switch
            {
                UnitCategory.PrivateEnterprise or UnitCategory.PropertyManagement => random.Next(3, 30),
                UnitCategory.StateOwnedEnterprise or UnitCategory.Hospital => random.Next(30, 250),
                _ => random.Next(5, 80),
            };
            units.Add(new GeneratedUnit(
                Guid.CreateVersion7(),
                name,
                code,
                category,
                name + (partyType switch
                {
                    PartyOrganisationType.Committee => "党委",
                    PartyOrganisationType.GeneralBranch => "党总支",
                    PartyOrganisationType.JointBranch => "联合党支部",
                    _ => "党支部",
                }),
                partyType,
                members,
                Pick(random, Roads) + random.Next(1, 400).ToString(CultureInfo.InvariantCulture) + "号",
                random.Next(10) == 0 ? null : communityIds[random.Next(communityIds.Count)],
                Pick(random, Surnames) + Pick(random, GivenNames),
                "13" + random.Next(0, 10).ToString(CultureInfo.InvariantCulture) + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                joined,
                withdrawn ? UnitStatus.Withdrawn : UnitStatus.Active,
                withdrawn ? joined.AddDays(random.Next(30, 600)) : null,
                withdrawn ? Pick(random, Reasons) : null));
        }

        return units;
    }

    private static string PrivateName(Random random, int industryTotal)
    {
        var pick = random.Next(industryTotal);
        var industry = PrivateIndustries[^1].Industry;
        foreach (var (candidate, weight) in PrivateIndustries)
        {
            if (pick < weight)
            {
                industry = candidate;
                break;
            }

            pick -= weight;
        }

        var city = random.Next(3) == 0 ? Pick(random, Cities) : "";
        var form = random.Next(12) == 0 ? "股份有限公司" : random.Next(15) == 0 ? "工作室" : "有限公司";
        return city + TradeName(random) + industry + form;
    }

    private static string TradeName(Random random)
    {
        var length = random.Next(4) == 0 ? 3 : 2;
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(TradeChars[random.Next(TradeChars.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>登记管理部门/机构类别 + 330102 (division) + 9-character organisation code + GB 32100 check character.</summary>
    private static string NewCode(Random random, string prefix, ISet<string> taken)
    {
        while (true)
        {
            var body = new StringBuilder(prefix).Append("330102");
            for (var i = 0; i < 9; i++)
            {
                body.Append(CreditCode.Alphabet[random.Next(CreditCode.Alphabet.Length)]);
            }

            var first17 = body.ToString();
            var code = first17 + CreditCode.CheckCharacter(first17);
            if (taken.Add(code))
            {
                return code;
            }
        }
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
