using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommunityPartyBuilding.Web.Infrastructure.OpenApi;

/// <summary>
/// The OpenAPI document as an integrator reads it (<c>/openapi/v1.json</c>, and <c>obj/openapi/portal-api.json</c> at
/// build time): who publishes it under which licence, how to authenticate (a bearer token, or the session cookie for
/// same-site calls; anonymous routes say <c>security: []</c>), a name, summary and description for every operation
/// (<see cref="ApiOperationTexts"/>), enumerations in query strings, files as binary answers, examples of the main
/// request bodies, and numbers as numbers.
/// </summary>
public static class PortalOpenApi
{
    public const string BearerScheme = "bearerToken";
    public const string CookieScheme = "sessionCookie";

    private const string FormFileSchema = "IFormFile";

    public static OpenApiOptions AddPortalConventions(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer(DescribeDocumentAsync);
        options.AddOperationTransformer(DescribeOperationAsync);
        options.AddSchemaTransformer(DescribeSchemaAsync);
        return options;
    }

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "CommunityPartyBuilding API",
            Version = "v1",
            Description = "街道大党工委共驻共建平台 HTTP API v1：供区域化党建平台、组织部脚本等系统集成。\n\n"
                + "The HTTP API of the street's joint Party-building portal, for the systems around it. "
                + "Authenticate with `Authorization: Bearer <token>` from `POST /api/v1/tokens`; errors are RFC 9457 problem details "
                + "(`application/problem+json`); lists take `?page=&pageSize=` (at most 500) and answer `{ items, total }`.",
            Contact = new OpenApiContact
            {
                Name = "街道大党工委办公室 / The street committee's office (portal operator)",
                Email = "portal-support@example.org",
            },
            License = new OpenApiLicense
            {
                Name = "Proprietary: licensed to the customer only, no redistribution",
                Identifier = "LicenseRef-Proprietary",
            },
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "The portal that serves this document (same origin)" }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "访问令牌 / Access token from POST /api/v1/tokens, sent as `Authorization: Bearer <token>`.",
        };
        document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = CrossSiteRequestMiddleware.SessionCookie,
            Description = "浏览器会话 / The browser session cookie set by signing in to the portal; same-site calls only.",
        };

        // Uploads are described inline (InlineUploadedFiles); nothing refers to this schema any more.
        document.Components.Schemas?.Remove(FormFileSchema);

        ReferQueryEnums(document);

        document.Tags = new HashSet<OpenApiTag>(ApiOperationTexts.Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        return Task.CompletedTask;
    }

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var document = context.Document;
        var text = ApiOperationTexts.Find(description.HttpMethod, description.RelativePath);
        if (text is not null)
        {
            operation.OperationId = text.OperationId;
            operation.Summary = text.Summary;
            operation.Description = text.Description;
            if (document is not null)
            {
                operation.Tags = new HashSet<OpenApiTagReference> { new(text.Tag, document) };
            }

            if (text.File is not null)
            {
                DeclareFileAnswer(operation, text.File);
            }

            var example = ApiExamples.RequestBody(text.OperationId);
            if (example is not null && operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true && json is OpenApiMediaType media)
            {
                media.Example = example;
            }
        }

        var anonymous = description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        if (document is not null)
        {
            operation.Security = anonymous
                ? []
                :
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] },
                ];
        }

        DescribePaging(operation);
        InlineUploadedFiles(operation);

        // A query string can be refused too: an unknown enumeration value or a page out of range is a 422 naming the parameter.
        if (operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true && operation.Responses?.ContainsKey("422") == false)
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails), null, ct);
            operation.Responses["422"] = new OpenApiResponse
            {
                Description = "Unprocessable Entity",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
            };
        }
    }

    /// <summary>
    /// A multipart upload's file field as an inline binary string rather than a reference to a schema named after
    /// ASP.NET Core's IFormFile: client generators recognise it as a file only inline.
    /// </summary>
    private static void InlineUploadedFiles(OpenApiOperation operation)
    {
        foreach (var media in operation.RequestBody?.Content?.Values ?? [])
        {
            if (media.Schema is not OpenApiSchema { Properties: { } properties })
            {
                continue;
            }

            foreach (var name in properties.Keys.ToList())
            {
                if (properties[name] is OpenApiSchemaReference { Reference.Id: FormFileSchema })
                {
                    properties[name] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                }
            }
        }
    }

    private static void DeclareFileAnswer(OpenApiOperation operation, string mediaType)
    {
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = "文件 / The file",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [mediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        };
    }

    /// <summary>
    /// Query parameters that take an enumeration refer to its schema (the same one bodies use, added when no body has it),
    /// so that a generated client has one type per enumeration.
    /// </summary>
    private static void ReferQueryEnums(OpenApiDocument document)
    {
        document.Components!.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var operations = document.Paths?.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []) ?? [];
        foreach (var operation in operations)
        {
            if (operation.OperationId is null || !ApiExamples.QueryEnums.TryGetValue(operation.OperationId, out var enums))
            {
                continue;
            }

            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.In == ParameterLocation.Query && parameter.Name is not null && enums.TryGetValue(parameter.Name, out var type))
                {
                    document.Components.Schemas.TryAdd(type.Name, new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Enum = Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(n))).ToList(),
                    });
                    parameter.Schema = new OpenApiSchemaReference(type.Name, document);
                }
            }
        }
    }

    private static void DescribePaging(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In != ParameterLocation.Query)
            {
                continue;
            }

            if (parameter.Name == "page")
            {
                parameter.Description = "页码，从 1 开始 / Page number, from 1";
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = Paging.MaxPage.ToString(System.Globalization.CultureInfo.InvariantCulture), Default = 1 };
            }
            else if (parameter.Name == "pageSize")
            {
                parameter.Description = $"每页条数，最多 {Paging.MaxPageSize} / Items per page, at most {Paging.MaxPageSize}";
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = Paging.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), Default = 50 };
            }
        }
    }

    private static Task DescribeSchemaAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        // The server also reads numbers written as strings (the web defaults); the contract says numbers are numbers.
        if (schema.Type is { } type && (type & JsonSchemaType.String) != 0 && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        // Enumerations travel as camelCase strings (JsonStringEnumConverter): say so, or generators take them for numbers.
        // A nullable use of an enumeration (an optional field of an input) adds null to the shared schema; the
        // optionality belongs to the field, and a null in the enumeration makes generators lose its string form.
        if (schema.Type is null && schema.Enum is { Count: > 0 } values && values.Any(v => v is null)
            && values.Where(v => v is not null).All(v => v is JsonValue value && value.GetValueKind() == JsonValueKind.String))
        {
            schema.Enum = values.Where(v => v is not null).ToList();
        }

        if (schema.Type is null && schema.Enum is { Count: > 0 } strings && strings.All(v => v is JsonValue value && value.GetValueKind() == JsonValueKind.String))
        {
            schema.Type = JsonSchemaType.String;
        }

        var clr = context.JsonTypeInfo.Type;
        if (clr.IsGenericType && clr.GetGenericTypeDefinition() == typeof(PagedResult<>))
        {
            schema.Description = "一页列表：本页条目与符合筛选条件的总数 / A page of a list: this page's items and the total matching the filters "
                + $"(?page= from 1, ?pageSize= at most {Paging.MaxPageSize}).";
        }

        return Task.CompletedTask;
    }
}
