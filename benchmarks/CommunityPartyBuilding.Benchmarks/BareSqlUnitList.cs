using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// The baseline: the unit list written by hand against Npgsql. The same two statements GetUnits sends (count, then
/// the page), with the same WHERE, ORDER BY, LIMIT/OFFSET and community-name subquery as the SQL EF Core generates
/// (see docs/benchmarks/unit-list-sql.md), read into the same <see cref="UnitDto"/> records. Not included: the scope
/// check GetUnits makes first (one more round trip), which is part of what the handler costs.
/// </summary>
public sealed class BareSqlUnitList : IAsyncDisposable
{
    private const string Columns = """
        m."Id", m."StreetId", m."Name", m."CreditCode", m."Category", m."PartyOrganisationName", m."PartyOrganisationType",
        m."PartyMemberCount", m."Address", m."CommunityId", {community},
        m."ContactPerson", m."ContactPhone", m."JoinedOn", m."Status", m."WithdrawnOn", m."WithdrawalReason",
        m.xmin
        """;

    // The community name as EF Core writes it (a correlated subquery in the select list), or as a join.
    private const string CommunitySubquery = """(SELECT c."Name" FROM "Communities" c WHERE c."Id" = m."CommunityId" LIMIT 1)""";
    private const string CommunityJoin = """LEFT JOIN "Communities" c ON c."Id" = m."CommunityId" """;

    // Active units of the street, as UnitQueries.Filter does by default. ESCAPE '' is what EF Core emits for
    // EF.Functions.ILike/Like without an escape character; kept so that both return the same rows for any input.
    private const string ActiveInStreet = """ m."StreetId" = $1 AND m."Status" = 'Active' """;
    private const string Search = """ AND (m."Name" ILIKE $2 ESCAPE '' OR m."CreditCode" LIKE $3 ESCAPE '') """;

    private static readonly string CountAll = $"""SELECT count(*)::int FROM "MemberUnits" m WHERE {ActiveInStreet}""";
    private static readonly string CountSearch = CountAll + Search;

    private readonly string pageAll;
    private readonly string pageSearch;
    private readonly NpgsqlDataSource dataSource;

    private BareSqlUnitList(NpgsqlDataSource dataSource, bool joinCommunity)
    {
        this.dataSource = dataSource;
        var columns = Columns.Replace("{community}", joinCommunity ? "c.\"Name\"" : CommunitySubquery, StringComparison.Ordinal);
        var from = "\"MemberUnits\" m " + (joinCommunity ? CommunityJoin : "");
        pageAll = $"""SELECT {columns} FROM {from} WHERE {ActiveInStreet} ORDER BY m."Name", m."Id" LIMIT $2 OFFSET $3""";
        pageSearch = $"""SELECT {columns} FROM {from} WHERE {ActiveInStreet} {Search} ORDER BY m."Name", m."Id" LIMIT $4 OFFSET $5""";
    }

    /// <summary>
    /// <paramref name="joinCommunity"/> false: the statements EF Core generates (the baseline). True: the community name
    /// by LEFT JOIN instead of a correlated subquery, to show what the query's shape costs on deep pages.
    /// </summary>
    public static BareSqlUnitList Create(string connectionString, bool joinCommunity = false) =>
        new(NpgsqlDataSource.Create(connectionString), joinCommunity);

    public async Task<PagedResult<UnitDto>> QueryAsync(Guid streetId, ListCase listCase, CancellationToken ct = default)
    {
        var page = Paging.Clamp(listCase.Page, ListCase.PageSize);
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        int total;
        await using (var count = new NpgsqlCommand(listCase.Search is null ? CountAll : CountSearch, connection))
        {
            AddFilter(count, streetId, listCase.Search);
            total = (int)(await count.ExecuteScalarAsync(ct))!;
        }

        var items = new List<UnitDto>(page.Take);
        await using (var select = new NpgsqlCommand(listCase.Search is null ? pageAll : pageSearch, connection))
        {
            AddFilter(select, streetId, listCase.Search);
            select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = page.Take });
            select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = page.Skip });
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                items.Add(new UnitDto(
                    reader.GetGuid(0),
                    reader.GetGuid(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    Enum.Parse<UnitCategory>(reader.GetString(4)),
                    reader.GetString(5),
                    Enum.Parse<PartyOrganisationType>(reader.GetString(6)),
                    reader.GetInt32(7),
                    reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetGuid(9),
                    reader.IsDBNull(10) ? null : reader.GetString(10),
                    reader.GetString(11),
                    reader.GetString(12),
                    reader.GetFieldValue<DateOnly>(13),
                    Enum.Parse<UnitStatus>(reader.GetString(14)),
                    reader.IsDBNull(15) ? null : reader.GetFieldValue<DateOnly>(15),
                    reader.IsDBNull(16) ? null : reader.GetString(16),
                    reader.GetFieldValue<uint>(17)));
            }
        }

        return new PagedResult<UnitDto>(items, total);
    }

    /// <summary>The same patterns UnitQueries.Filter builds from the search term.</summary>
    private static void AddFilter(NpgsqlCommand command, Guid streetId, string? search)
    {
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = streetId });
        if (search is null)
        {
            return;
        }

        var term = search.Trim();
        var like = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        // Typed as EF Core types them: varchar for the name pattern, character (bpchar) for the code prefix.
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = like, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CreditCode.Normalise(term) + "%", NpgsqlDbType = NpgsqlDbType.Char });
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
