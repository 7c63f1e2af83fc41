using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.Web.Infrastructure.OpenApi;

namespace CommunityPartyBuilding.UnitTests.Infrastructure;

/// <summary>
/// The OpenAPI document the build writes (src/CommunityPartyBuilding.Web/obj/openapi/portal-api.json, the one integrators,
/// the generated client and the lint step see): every operation is named and described, in both languages.
/// </summary>
public sealed partial class OpenApiDocumentTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static JsonElement Document()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CommunityPartyBuilding.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var path = Path.Combine(directory.FullName, "src", "CommunityPartyBuilding.Web", "obj", "openapi", "portal-api.json");
        Assert.True(File.Exists(path), $"{path} is missing: the Web project's build writes it");
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    private static IEnumerable<(string Route, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(o => Methods.Contains(o.Name))
                .Select(o => (path.Name, o.Name, o.Value)));

    [Fact]
    public void Every_operation_has_an_operation_id_a_summary_and_a_description_in_both_languages()
    {
        var operations = Operations(Document()).ToList();
        Assert.True(operations.Count >= 90, $"only {operations.Count} operations in the document");
        var missing = operations
            .Where(o => !o.Operation.TryGetProperty("operationId", out var id) || string.IsNullOrWhiteSpace(id.GetString())
                || !o.Operation.TryGetProperty("summary", out var summary) || !summary.GetString()!.Contains(" / ", StringComparison.Ordinal)
                || !o.Operation.TryGetProperty("description", out var description) || !HasChinese().IsMatch(description.GetString()!)
                || !HasLatin().IsMatch(description.GetString()!))
            .Select(o => $"{o.Method.ToUpperInvariant()} {o.Route}")
            .ToList();
        Assert.True(missing.Count == 0, "without operationId, bilingual summary or description (add a row to ApiOperationTexts): " + string.Join(", ", missing));
    }

    [Fact]
    public void Operation_ids_are_camel_case_and_unique()
    {
        var ids = Operations(Document()).Select(o => o.Operation.GetProperty("operationId").GetString()!).ToList();
        Assert.All(ids, id => Assert.Matches("^[a-z][A-Za-z0-9]*$", id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ApiOperationTexts.ByRoute.Count, ApiOperationTexts.ByRoute.Values.Select(t => t.OperationId).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Signed_in_routes_take_a_bearer_token_or_the_session_cookie_and_anonymous_ones_say_no_security()
    {
        var document = Document();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty(PortalOpenApi.BearerScheme).GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty(PortalOpenApi.CookieScheme).GetProperty("in").GetString());
        Assert.Equal("portal.auth", schemes.GetProperty(PortalOpenApi.CookieScheme).GetProperty("name").GetString());

        var paths = document.GetProperty("paths");
        Assert.Equal(0, paths.GetProperty("/api/v1/tokens").GetProperty("post").GetProperty("security").GetArrayLength());
        Assert.Equal(0, paths.GetProperty("/api/v1/ballots").GetProperty("post").GetProperty("security").GetArrayLength());
        var me = paths.GetProperty("/api/v1/me").GetProperty("get").GetProperty("security");
        Assert.Equal([PortalOpenApi.BearerScheme, PortalOpenApi.CookieScheme], me.EnumerateArray().Select(r => r.EnumerateObject().Single().Name));
        Assert.All(Operations(document), o => Assert.True(o.Operation.TryGetProperty("security", out _), o.Route));
    }

    [Fact]
    public void The_document_names_its_licence_contact_and_server()
    {
        var document = Document();
        var info = document.GetProperty("info");
        Assert.False(string.IsNullOrWhiteSpace(info.GetProperty("license").GetProperty("name").GetString()));
        Assert.True(info.GetProperty("license").TryGetProperty("identifier", out _));
        Assert.True(info.GetProperty("contact").TryGetProperty("email", out _));
        Assert.NotEqual(0, document.GetProperty("servers").GetArrayLength());
    }

    [Fact]
    public void Errors_are_problem_details_and_validation_failures_name_their_fields()
    {
        var paths = Document().GetProperty("paths");
        var create = paths.GetProperty("/api/v1/streets/{streetId}/units").GetProperty("post").GetProperty("responses");
        foreach (var code in new[] { "400", "401", "403", "404", "409", "422" })
        {
            Assert.True(create.GetProperty(code).GetProperty("content").TryGetProperty("application/problem+json", out _), code);
        }

        Assert.EndsWith("/HttpValidationProblemDetails",
            create.GetProperty("422").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        var list = paths.GetProperty("/api/v1/streets/{streetId}/units").GetProperty("get").GetProperty("responses");
        Assert.True(list.TryGetProperty("422", out _), "an unknown enumeration value in the query string is a 422");
        var token = paths.GetProperty("/api/v1/tokens").GetProperty("post").GetProperty("responses");
        Assert.True(token.TryGetProperty("401", out _));
        Assert.True(token.TryGetProperty("429", out _));
    }

    [Fact]
    public void Enumerations_are_listed_and_the_main_writes_have_examples()
    {
        var document = Document();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Contains("privateEnterprise", schemas.GetProperty("UnitCategory").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        var paths = document.GetProperty("paths");
        var category = paths.GetProperty("/api/v1/streets/{streetId}/units").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "category");
        Assert.Equal("#/components/schemas/UnitCategory", category.GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("string", schemas.GetProperty("UnitCategory").GetProperty("type").GetString());
        var sort = paths.GetProperty("/api/v1/streets/{streetId}/units").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "sort");
        Assert.Equal("#/components/schemas/UnitSort", sort.GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Contains("joinedOn", schemas.GetProperty("UnitSort").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));

        foreach (var (route, method) in new[] { ("/api/v1/streets/{streetId}/units", "post"), ("/api/v1/units/{unitId}/activities", "post"), ("/api/v1/streets/{streetId}/meetings", "post") })
        {
            var body = paths.GetProperty(route).GetProperty(method).GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
            Assert.True(body.TryGetProperty("example", out _), route);
        }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HasChinese();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex HasLatin();
}
