using System.Linq.Expressions;

namespace CommunityPartyBuilding.Web.Features.Units;

/// <summary>
/// "A unit counts on a date when it had joined by then and had not withdrawn before it" (withdrawn that very day it
/// still counts), written once as an expression. <see cref="IsActiveOn"/> is that expression compiled, for the rules;
/// <see cref="ActiveOn"/> is the same expression applied to member units, which EF Core translates into the SQL of the
/// meetings' invitations and quorum and of the dashboards.
/// </summary>
public static class UnitActivity
{
    public static readonly Expression<Func<DateOnly, DateOnly?, DateOnly, bool>> ActiveOnRule =
        (joinedOn, withdrawnOn, date) => joinedOn <= date && (withdrawnOn == null || withdrawnOn >= date);

    private static readonly Func<DateOnly, DateOnly?, DateOnly, bool> Compiled = ActiveOnRule.Compile();

    public static bool IsActiveOn(DateOnly joinedOn, DateOnly? withdrawnOn, DateOnly date) => Compiled(joinedOn, withdrawnOn, date);

    /// <summary>The units active on the date, by <see cref="ActiveOnRule"/> (the date is sent as a query parameter).</summary>
    public static IQueryable<MemberUnit> ActiveOn(this IQueryable<MemberUnit> units, DateOnly date) => units.Where(OnDate(date));

    private static Expression<Func<MemberUnit, bool>> OnDate(DateOnly date)
    {
        var unit = Expression.Parameter(typeof(MemberUnit), "u");
        var body = new Substitution(new Dictionary<ParameterExpression, Expression>
        {
            [ActiveOnRule.Parameters[0]] = Expression.Property(unit, nameof(MemberUnit.JoinedOn)),
            [ActiveOnRule.Parameters[1]] = Expression.Property(unit, nameof(MemberUnit.WithdrawnOn)),
            [ActiveOnRule.Parameters[2]] = Expression.Property(Expression.Constant(new DateArgument(date)), nameof(DateArgument.Date)),
        }).Visit(ActiveOnRule.Body);
        return Expression.Lambda<Func<MemberUnit, bool>>(body, unit);
    }

    /// <summary>Read through a member access, like a captured variable, so that EF Core makes it a parameter.</summary>
    private sealed record DateArgument(DateOnly Date);

    private sealed class Substitution(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.GetValueOrDefault(node, node);
    }
}
