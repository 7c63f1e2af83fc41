using System.Globalization;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>One unit's line of the annual report's section on in-service members.</summary>
public sealed record AnnualMemberUnit(string UnitName, UnitMemberFigures Figures);

/// <summary>The annual report's in-service members (rule 9): the street's totals and the units' figures. Counts and unit names only (rule 10).</summary>
public sealed record AnnualMembers(int RegisteredMembers, int UnitMembers, decimal ConfirmedHours, IReadOnlyList<AnnualMemberUnit> Units)
{
    public static readonly AnnualMembers Empty = new(0, 0, 0m, []);
}

/// <summary>Gathers and composes the annual report's section 在职党员报到服务, after the report's other sections.</summary>
public static class AnnualMembersSection
{
    public const string Heading = "八、在职党员报到服务";

    /// <summary>The chart shows at most this many units (most hours first).</summary>
    public const int ChartUnits = 15;

    public static async Task<AnnualMembers> GatherAsync(PortalDbContext db, Guid streetId, int year, CancellationToken ct)
    {
        var figures = await MemberFigureQueries.ForStreetUnitsAsync(db, streetId, year, ct);
        var yearEnd = new DateOnly(year, 12, 31);
        var units = await db.MemberUnits.AsNoTracking().Where(u => u.StreetId == streetId && u.JoinedOn <= yearEnd)
            .Select(u => new { u.Id, u.Name, u.Status, u.WithdrawnOn }).ToListAsync(ct);
        var rows = units
            .Where(u => figures[u.Id].RegisteredMembers > 0 || u.Status == UnitStatus.Active || u.WithdrawnOn >= new DateOnly(year, 1, 1))
            .Select(u => new AnnualMemberUnit(u.Name, figures[u.Id]))
            .OrderByDescending(u => u.Figures.ConfirmedHours).ThenByDescending(u => u.Figures.RegisteredMembers).ThenBy(u => u.UnitName, StringComparer.Ordinal)
            .ToList();
        var street = await MemberFigureQueries.ForStreetsAsync(db, [(streetId, "")], year, yearEnd, ct);
        var s = street[streetId];
        return new AnnualMembers(s.RegisteredMembers, s.UnitMembers, s.ConfirmedHours, rows);
    }

    public static void Compose(DocumentBuilder builder, AnnualMembers m, ref int figure)
    {
        builder.Heading(Heading);
        if (m.RegisteredMembers == 0)
        {
            builder.Paragraph("本年度暂无在职党员到本街道社区报到。");
            return;
        }

        var partyMembers = m.Units.Sum(u => u.Figures.PartyMemberCount);
        var rate = MemberFigures.Rate(m.UnitMembers, partyMembers);
        builder.Paragraph($"本年度共有{m.RegisteredMembers}名在职党员到本街道各社区报到，其中成员单位党员{m.UnitMembers}名"
            + (rate is { } r ? $"，占成员单位党员总数的{Percent(r)}" : "")
            + $"；经社区确认的服务时长合计{Hours(m.ConfirmedHours)}小时，人均{Hours(m.ConfirmedHours / m.RegisteredMembers)}小时。");
        builder.Table(t => t
            .Caption("成员单位在职党员报到情况")
            .FontSize(8.5f)
            .Column("成员单位", 2.4f)
            .Column("党员人数", 0.8f, CellAlign.Center)
            .Column("报到人数", 0.8f, CellAlign.Center)
            .Column("报到率", 0.8f, CellAlign.Center)
            .Column("服务时长（小时）", 1f, CellAlign.Center)
            .Column("人均时长（小时）", 1f, CellAlign.Center)
            .Rows(m.Units, u =>
            [
                u.UnitName, u.Figures.PartyMemberCount.ToString(CultureInfo.InvariantCulture), u.Figures.RegisteredMembers.ToString(CultureInfo.InvariantCulture),
                u.Figures.RegistrationRate is { } x ? Percent(x) : "—", Hours(u.Figures.ConfirmedHours),
                u.Figures.HoursPerMember is { } h ? Hours(h) : "—",
            ]));
        builder.Note("注：报到人数为年度内任一时间处于报到状态的党员；服务时长仅计社区已确认的服务记录；党员人数为0的单位报到率记“—”。");

        var serving = m.Units.Where(u => u.Figures.ConfirmedHours > 0 || u.Figures.RegisteredMembers > 0).ToList();
        var top = serving.Take(ChartUnits).ToList();
        if (top.Count > 0)
        {
            var names = top.Select(u => u.UnitName.Length > 12 ? u.UnitName[..12] + "…" : u.UnitName).ToArray();
            var hours = top.Select(u => (double)u.Figures.ConfirmedHours).ToArray();
            var max = Math.Max(1d, hours.Max());
            builder.Chart(plot =>
            {
                var bars = plot.Add.Bars(hours.Select((v, i) => new ScottPlot.Bar { Position = names.Length - 1 - i, Value = v, Size = 0.7 }).ToArray());
                bars.Horizontal = true;
                plot.Axes.Left.SetTicks([.. Enumerable.Range(0, names.Length).Select(i => (double)(names.Length - 1 - i))], names);
                plot.Axes.Left.TickLabelStyle.FontSize = 9;
                plot.Axes.Bottom.Label.Text = "服务时长（小时）";
                plot.Axes.SetLimits(0, max * 1.1, -0.6, names.Length - 0.4);
            }, height: Math.Max(200f, 15f * names.Length + 60f), caption: $"图{++figure} 成员单位在职党员服务时长" + (serving.Count > ChartUnits ? $"（前{ChartUnits}家）" : ""));
        }
    }

    private static string Percent(decimal value) => value.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string Hours(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);
}
