using CommunityPartyBuilding.Web;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Features.PublicNotice;
using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Infrastructure.OpenApi;

if (args.Length > 0 && args[0] == AdminCommand.Name)
{
    return await AdminCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

// The build runs this entry point to write the OpenAPI document: placeholder settings, no database, no background pass.
if (BuildTimeDocument.IsGenerating)
{
    BuildTimeDocument.UsePlaceholderSettings(builder.Configuration);
    // Keys live in memory in that mode; the warning that they are not encrypted at rest is noise in the build output.
    builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
}

// Serve library assets (MudBlazor) from the build output in every environment; a published app has them in wwwroot.
builder.WebHost.UseStaticWebAssets();

// No "Server: Kestrel" header (ASVS 13.4.6: no component versions or names disclosed).
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

builder.Services
    .AddPortalData(builder.Configuration, builder.Environment)
    .AddPortalAuth(builder.Configuration)
    .AddPortalLocalization()
    .AddPortalUi()
    .AddPortalApi()
    .AddPortalReports(builder.Configuration)
    .AddPublicNotice()
    .AddPortalTelemetry(builder.Configuration)
    .AddCircuitDiagnostics(builder.Configuration)
    .AddFeatures();

if (BuildTimeDocument.IsGenerating)
{
    BuildTimeDocument.WithoutDatabase(builder.Services);
}

var app = builder.Build();

if (!BuildTimeDocument.IsGenerating)
{
    await app.PrepareDatabaseAsync();
}

// Before the pipeline: the scrape endpoint (when enabled, on its own port) needs no culture, session or account gate.
app.UsePortalPrometheusEndpoint();
app.UsePortalPipeline();
app.MapPortalEndpoints();
app.MapCircuitDiagnostics();

await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
