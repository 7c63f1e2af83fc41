using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>The <c>Portal</c> section. Validated at start-up (<see cref="PortalOptionsValidator"/>): a bad value stops the app.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The street's time zone: business dates (quarters, years, deadlines) are reckoned in it.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public bool MigrateOnStartup { get; set; }

    public bool SeedDemoData { get; set; }

    /// <summary>
    /// The portal's public address (e.g. https://dangjian.example.gov.cn), used in links printed on documents such
    /// as the verification URL in a report's footer. Required in production (reports are refused without it); in
    /// development and tests the server's own listening address stands in. The request's Host header is never used.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public SecurityOptions Security { get; set; } = new();

    /// <summary>The hourly reminder pass (in-app notifications).</summary>
    public Features.Notifications.ReminderOptions Reminders { get; set; } = new();

    /// <summary>The hourly pass that marks agreements past their valid-to date as expired.</summary>
    public Features.Agreements.AgreementExpiryOptions AgreementExpiry { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Running behind a reverse proxy (docs/operations.md, "Two or more instances").</summary>
    public ProxyOptions Proxy { get; set; } = new();
}

/// <summary>
/// <c>Portal:Proxy</c>. Forwarded headers (X-Forwarded-For, X-Forwarded-Proto) are believed only from the addresses
/// and networks listed here; with none listed the portal ignores them, so that a client talking to it directly
/// cannot choose the address its rate limits key on.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>The proxies' addresses, e.g. <c>127.0.0.1</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>The proxies' networks in CIDR notation, e.g. <c>172.28.0.0/24</c> for a compose network.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>
    /// This instance's name, sent as the <c>X-Portal-Instance</c> response header when set, so that an operator (and
    /// the scale check) can tell which instance answered through the proxy.
    /// </summary>
    public string? InstanceName { get; set; }

    public bool Enabled => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

public sealed class SecurityOptions
{
    /// <summary>When true, administrators must enrol an authenticator app before using the portal.</summary>
    public bool RequireTwoFactorForAdministrators { get; set; }

    [Range(1, 24 * 60)]
    public int IdleTimeoutMinutes { get; set; } = 30;

    [Range(1, 24 * 31)]
    public int AbsoluteSessionHours { get; set; } = 12;

    [Range(1, 24 * 60)]
    public int ApiTokenLifetimeMinutes { get; set; } = 60;

    /// <summary>
    /// How long a validated API token is reused by this instance without asking the database (0: never). A change to the
    /// account voids it at once here; another instance keeps it until this time has passed. Default 30 s.
    /// </summary>
    [Range(0, 300)]
    public int ApiTokenCacheSeconds { get; set; } = 30;
}

/// <summary><c>Portal:RateLimits</c> (the ballot limits have their own class, <c>Portal:RateLimits:Ballots</c>).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts (POST) per client address and sliding minute.</summary>
    [Range(1, int.MaxValue)]
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>Public report verifications per client address and sliding minute.</summary>
    [Range(1, int.MaxValue)]
    public int VerifyPerMinute { get; set; } = 30;

    /// <summary>Public notice (共建公示) reads, page and API, per client address and sliding minute.</summary>
    [Range(1, int.MaxValue)]
    public int PublicNoticePerMinute { get; set; } = 60;
}

/// <summary>
/// Checks the <c>Portal</c> section and its subsections with their data annotations, and what annotations cannot say:
/// the time zone must exist on this machine and the public address must be an absolute http(s) URL.
/// </summary>
public sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        var failures = new List<string>();
        SettingsValidation.Annotations(options, PortalOptions.Section, failures);
        SettingsValidation.Annotations(options.Security, $"{PortalOptions.Section}:Security", failures);
        SettingsValidation.Annotations(options.Reminders, $"{PortalOptions.Section}:Reminders", failures);
        SettingsValidation.Annotations(options.AgreementExpiry, $"{PortalOptions.Section}:AgreementExpiry", failures);
        SettingsValidation.Annotations(options.RateLimits, $"{PortalOptions.Section}:RateLimits", failures);
        foreach (var proxy in options.Proxy.KnownProxies.Where(p => !System.Net.IPAddress.TryParse(p, out _)))
        {
            failures.Add($"Portal:Proxy:KnownProxies: '{proxy}' is not an IP address.");
        }

        foreach (var network in options.Proxy.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            failures.Add($"Portal:Proxy:KnownNetworks: '{network}' is not a network in CIDR notation (e.g. 172.28.0.0/24).");
        }

        if (!string.IsNullOrWhiteSpace(options.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"Portal:TimeZone: '{options.TimeZone}' is not a time zone known to this machine (e.g. Asia/Shanghai).");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            && !(Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
        {
            failures.Add($"Portal:PublicBaseUrl: '{options.PublicBaseUrl}' is not an absolute http(s) address (e.g. https://dangjian.example.gov.cn).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Validates a settings class by its data annotations, naming each bad value by its configuration key.</summary>
public sealed class AnnotatedSettingsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        SettingsValidation.Annotations(options, section, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class SettingsValidation
{
    /// <summary>Adds one message per failed annotation, e.g. <c>Portal:Reminders:IntervalMinutes: The field IntervalMinutes must be between 1 and 1440.</c></summary>
    public static void Annotations(object settings, string section, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(failures);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            return;
        }

        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault();
            failures.Add($"{section}{(member is null ? "" : ":" + member)}: {result.ErrorMessage}");
        }
    }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and checks its annotations when the app starts,
    /// so that a bad value stops start-up with the key and the reason instead of failing later.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedSettings<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new AnnotatedSettingsValidator<TOptions>(section));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }
}
