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

    /// <summary>EF Core initialises every command it sends once, whatever it executes (reader, scalar, non-query).</summary>
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        Count(result);
        return result;
    }

    private void Count(DbCommand command)
    {
        if (http.HttpContext?.Request.Path.Value is { } path)
        {
            commands.Enqueue((path, command.CommandText));
        }
    }
}
