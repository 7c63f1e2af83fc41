using System.Data.Common;
using System.Security.Claims;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>A statement EF Core sent, with its parameters (cloned, so that it can be re-run under EXPLAIN).</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    public NpgsqlCommand ToCommand(NpgsqlConnection connection, string prefix = "")
    {
        var command = new NpgsqlCommand(prefix + Sql, connection);
        foreach (var parameter in Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        return command;
    }

    public string Describe() =>
        Sql + (Parameters.Count == 0 ? "" : "\n-- " + string.Join(", ", Parameters.Select(p => $"{p.ParameterName} = '{p.Value}' ({p.DataTypeName ?? p.NpgsqlDbType.ToString()})")));
}

/// <summary>
/// Runs the real <see cref="GetUnits"/> handler once on a private DbContext factory whose only addition is a command
/// interceptor, and returns the statements it sent. The app under measurement is not touched: no interceptor, no
/// extra logging in the portal's own contexts.
/// </summary>
public static class EfSqlCapture
{
    public static async Task<(PagedResult<UnitDto> Result, IReadOnlyList<CapturedCommand> Commands)> RunAsync(
        string connectionString, ClaimsPrincipal principal, Guid streetId, UnitQuery query)
    {
        var recorder = new Recorder();
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(connectionString).AddInterceptors(recorder).Options;
        var handler = new GetUnits(new Factory(options), new ScopeGuard(new FixedUser(principal)));
        var result = await handler.HandleAsync(streetId, query);
        return (result, recorder.Commands);
    }

    /// <summary>
    /// Runs any handler once on a private context factory with the recording interceptor, as <paramref name="principal"/>
    /// (the app's own BusinessCalendar settings: Asia/Shanghai, the system clock).
    /// </summary>
    public static async Task<(T Result, IReadOnlyList<CapturedCommand> Commands)> CaptureAsync<T>(
        string connectionString, ClaimsPrincipal principal, Func<IDbContextFactory<PortalDbContext>, ScopeGuard, BusinessCalendar, Task<T>> run)
    {
        var recorder = new Recorder();
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(connectionString).AddInterceptors(recorder).Options;
        var calendar = new BusinessCalendar(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new PortalOptions()));
        var result = await run(new Factory(options), new ScopeGuard(new FixedUser(principal)), calendar);
        return (result, recorder.Commands);
    }

    private sealed class Factory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }

    private sealed class FixedUser(ClaimsPrincipal principal) : ICurrentUser
    {
        public PortalUser? User => PortalUser.FromPrincipal(principal);

        public PortalUser Required => User ?? throw new InvalidOperationException("Not signed in.");
    }

    private sealed class Recorder : DbCommandInterceptor
    {
        public List<CapturedCommand> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command) =>
            Commands.Add(new CapturedCommand(command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList()));
    }
}
