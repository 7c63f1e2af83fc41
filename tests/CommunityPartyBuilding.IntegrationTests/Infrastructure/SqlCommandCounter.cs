using System.Collections.Concurrent;
using System.Data.Common;
using CommunityPartyBuilding.Web.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core sends on behalf of HTTP requests of one test app, by request path (background work has
/// no request and is not counted): how many statements one authenticated download or read costs.
/// Register with <c>TestServices = SqlCommandCounter.Register</c>.
/// </summary>
internal sealed class SqlCommandCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    private readonly ConcurrentQueue<(string Path, string Sql)> commands = new();

    /// <summary>The commands sent while serving requests to <paramref name="path"/> (its path, without the query).</summary>
    public IReadOnlyList<string> For(string path) => [.. commands.Where(c => c.Path == path).Select(c => c.Sql)];

    public void Clear() => commands.Clear();

    public static void Register(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<SqlCommandCounter>();
        services.ConfigureDbContext<PortalDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<SqlCommandCounter>()));
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    private void Count(DbCommand command)
    {
        if (http.HttpContext?.Request.Path.Value is { } path)
        {
            commands.Enqueue((path, command.CommandText));
        }
    }
}
