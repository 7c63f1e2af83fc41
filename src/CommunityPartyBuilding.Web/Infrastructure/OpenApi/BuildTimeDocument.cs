using System.Reflection;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
namespace CommunityPartyBuilding.Web.Infrastructure.OpenApi;

/// <summary>
/// The build writes the OpenAPI document (Microsoft.Extensions.ApiDescription.Server's <c>dotnet-getdocument</c>): it runs
/// this app's entry point inside its own process, <c>GetDocument.Insider</c>, with a host that listens nowhere, and reads
/// the document from the services. In that mode the portal must start without a database or deployment settings: it
/// gets placeholder settings (the connection string is never opened), skips migrations and seeding, and runs no
/// background pass.
/// </summary>
public static class BuildTimeDocument
{
    public static bool IsGenerating { get; } =
        string.Equals(Assembly.GetEntryAssembly()?.GetName().Name, "GetDocument.Insider", StringComparison.Ordinal);

    /// <summary>Placeholder settings, only for the document writer's run.</summary>
    public static void UsePlaceholderSettings(ConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = "Host=build-time-document.invalid;Database=none",
            ["Portal:MigrateOnStartup"] = "false",
            ["Portal:SeedDemoData"] = "false",
            ["Portal:DataProtection:AllowUnencryptedKeys"] = "true",
        });
    }

    /// <summary>
    /// Removes the portal's own background passes and keeps the Data Protection keys in memory: both would otherwise
    /// query the database.
    /// </summary>
    public static void WithoutDatabase(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = new InMemoryKeys());
        var portal = typeof(BuildTimeDocument).Assembly;
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == portal).ToList())
        {
            services.Remove(descriptor);
        }
    }

    private sealed class InMemoryKeys : IXmlRepository
    {
        private readonly List<XElement> keys = [];

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (keys)
            {
                return keys.ToList();
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (keys)
            {
                keys.Add(element);
            }
        }
    }
}
