using CommunityPartyBuilding.Documents;

namespace CommunityPartyBuilding.UnitTests.Documents;

/// <summary>A report-like document that uses every kind of block: the layout tests and the screenshot use it.</summary>
internal static class SampleDocuments
{
    public static readonly string[] Units =
    [
        "东湖区人民检察院", "国网东湖供电公司", "东湖区第一人民医院", "东湖实验小学", "东湖燃气有限公司", "中国银行东湖支行",
        "东湖区税务局", "东湖物业管理有限公司", "东湖区图书馆", "东湖社区卫生服务中心", "武警东湖中队", "东湖区消防救援大队",
    ];

    public const string LongParagraph =
        "2026年，东湖街道大党工委坚持以党建引领基层治理，统筹辖区24家成员单位资源，围绕“共驻共建、共治共享”目标，" +
        "召开联席会议4次，形成决议12项，推动解决老旧小区停车难、背街小巷环境整治等群众“急难愁盼”问题。" +
        "成员单位累计开展共建活动156场（次），投入志愿服务时长3,260小时、资金48.5万元，惠及居民12,000余人次。" +
        "年末，居民代表对各成员单位共建工作进行了评议，总体满意率达到96.8%。";

    public static Document Report(bool draft = true, int tableRows = 60) => new DocumentBuilder(PdfTestSupport.Metadata())
        .Header("东湖街道大党工委", "2026年度共驻共建考核报告")
        .Draft(draft)
        .Title("东湖街道大党工委2026年度共驻共建考核报告", "（2026年1月1日—2026年12月31日）")
        .Heading("一、总体情况")
        .Figures(new Figure("成员单位", "24", "家"), new Figure("联席会议", "4", "次"), new Figure("共建活动", "156", "场"), new Figure("群众满意率", "96.8", "%"))
        .Paragraph(LongParagraph)
        .Facts([new("街道", "东湖街道"), new("考核年度", "2026年"), new("评议时间", "2026年12月1日—12月15日"), new("评议票数", "320张（含纸质票48张）")])
        .Heading("二、各成员单位得分")
        .Table(t =>
        {
            t.Caption("表1 成员单位年度考核得分")
                .Column("序号", 0.6f, CellAlign.Center)
                .Column("成员单位", 3f)
                .Column("会议参与", 1f, CellAlign.Right)
                .Column("协议履行", 1f, CellAlign.Right)
                .Column("总分", 1f, CellAlign.Right)
                .Column("等级", 0.8f, CellAlign.Center);
            for (var i = 0; i < tableRows; i++)
            {
                var name = Units[i % Units.Length] + (i >= Units.Length ? $"（第{i / Units.Length + 1}组）" : "");
                if (i == 7)
                {
                    name += "党委（含下属东湖第二分公司、东湖第三分公司联合党支部）";
                }

                t.Row((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), name, "18.5", "27.0", (95 - i * 0.5).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), i < 5 ? "优秀" : "良好");
            }

            t.Total("", "平均", "18.2", "26.1", "84.3", "");
        })
        .Heading("三、得分分布")
        .Chart(plot =>
        {
            var bars = plot.Add.Bars(new double[] { 5, 12, 6, 1 });
            plot.Axes.Bottom.SetTicks([0, 1, 2, 3], ["优秀", "良好", "一般", "较差"]);
            plot.Axes.Left.Label.Text = "单位数";
            plot.Title("等级分布");
            _ = bars;
        }, height: 200, caption: "图1 成员单位考核等级分布")
        .Paragraph("以上结果经街道大党工委会议审议通过，现予通报。")
        .Signature("东湖街道大党工委", new DateOnly(2026, 3, 31), "主持人：王建华", "记录人：李明")
        .Build();
}
