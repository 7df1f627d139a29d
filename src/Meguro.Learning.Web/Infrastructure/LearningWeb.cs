using Microsoft.Extensions.Options;
using Meguro.Learning.Content;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Meguro.Learning.Data.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace Meguro.Learning.Web.Infrastructure;

public static class Policies
{
    public const string Staff = "Staff";
    public const string Manager = "Manager";
    public const string HR = "HR";
    public const string ContentEditor = "ContentEditor";
    public const string Administrator = "Administrator";

    /// <summary>送信メール: administrators run the mail system, HR answers for what it sent.</summary>
    public const string MailOutbox = "MailOutbox";

    /// <summary>チーム (team reports): managers for their own subtree, HR for any unit (<see cref="OrgScope"/> decides which).</summary>
    public const string Team = "Team";
    public const string AuditLog = "AuditLog";

    /// <summary>全庁レポート: the whole city's figures, for HR and administrators only.</summary>
    public const string CityReports = "CityReports";
}

/// <summary>Bound from the <c>Web</c> section.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>Where Data Protection keys (sign-in cookies, anti-forgery) are kept; shared by all nodes in production.</summary>
    public string DataProtectionKeysPath { get; set; } = ".data/keys";
}

public static class LearningWeb
{
    public static readonly CultureInfo[] SupportedCultures = [new("ja-JP"), new("en")];
    public const string AntiforgeryCookie = "meguro.af";

    public static WebApplicationBuilder AddLearningWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection(WebOptions.SectionName).Get<WebOptions>() ?? new();

        services.AddSingleton(TimeProvider.System);
        // Razor would otherwise write every Japanese character as &#x…; entities.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

        services.AddDataProtection()
            .SetApplicationName("Meguro.Learning")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(options.DataProtectionKeysPath)));

        services.AddScoped<IUserClaimsPrincipalFactory<AppUser>, EmployeeClaimsPrincipalFactory>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "meguro.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = SecurityStampCheck.WhenDueAsync;
            // A signed-in person without the role gets a real 403 (rendered by /error), not a
            // redirect that looks like success to scripts and tests.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddOptions<SignInCacheOptions>().Bind(builder.Configuration.GetSection(SignInCacheOptions.SectionName));
        // After Identity's own post-configuration, which makes the ticket format this wraps.
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, SignInTicketCaching>();
        services.AddAntiforgery(o => o.Cookie.Name = AntiforgeryCookie);
        services.AddPersonalPageCache(builder.Configuration);

        services.AddAuthorizationBuilder()
            // Every page needs a signed-in user unless it opts out with [AllowAnonymous].
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Manager, p => p.RequireRole(Roles.Manager))
            .AddPolicy(Policies.HR, p => p.RequireRole(Roles.HR))
            .AddPolicy(Policies.ContentEditor, p => p.RequireRole(Roles.ContentEditor))
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.Team, p => p.RequireRole(Roles.Manager, Roles.HR))
            .AddPolicy(Policies.MailOutbox, p => p.RequireRole(Roles.Administrator, Roles.HR))
            .AddPolicy(Policies.AuditLog, p => p.RequireRole(Roles.Administrator, Roles.HR))
            .AddPolicy(Policies.CityReports, p => p.RequireRole(Roles.Administrator, Roles.HR));

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("ja-JP");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            // Japanese first: the browser's Accept-Language does not switch the site to English;
            // only the person's own choice (cookie) does.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/", Policies.Staff);
                o.Conventions.AuthorizeFolder("/Manager", Policies.Team);
                o.Conventions.AuthorizeFolder("/Hr", Policies.HR);
                o.Conventions.AuthorizeFolder("/Authoring", Policies.ContentEditor);
                o.Conventions.AuthorizeFolder("/Admin", Policies.Administrator);
                // Served under /admin/mail but kept outside the /Admin folder: HR may read it too.
                o.Conventions.AuthorizeFolder("/MailOutbox", Policies.MailOutbox);
                o.Conventions.AuthorizeFolder("/Audit", Policies.AuditLog);
                o.Conventions.AuthorizeFolder("/Reports", Policies.CityReports);
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Culture");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        services.AddRouting(o => o.LowercaseUrls = true);
        services.AddScoped<OrgScope>();
        services.AddScoped<AuditLog>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<Pages.Hr.Roster.ImportRunner>();
        services.AddScoped<Pages.Courses.LearnerCourses>();
        services.AddSingleton<Pages.Courses.PublishedVersions>();
        services.AddScoped<Pages.Courses.QuizAttempts>();
        services.AddScoped<Pages.Manager.TeamOverview>();
        services.AddScoped<Pages.Manager.ManualReminder>();
        services.AddScoped<UnreadNotices>();
        services.AddScoped<Reports.ReportExporter>();
        services.AddScoped<Pages.Reports.CityReportQuery>();
        // The business-day calendar of content/calendar/holidays.yml, read once; a malformed file fails the first job that needs it, loudly.
        services.AddSingleton(sp => HolidayCatalog.Load(ContentOptions.Locate(
            sp.GetRequiredService<IOptions<ContentOptions>>().Value.Root, builder.Environment.ContentRootPath, AppContext.BaseDirectory)));
        services.AddScoped<Pages.Authoring.CourseDrafts>();
        services.AddScoped<Pages.Hr.MailTemplates.PreviewEnrollments>();
        services.AddOptions<Pages.Courses.QuizOptions>().Bind(builder.Configuration.GetSection(Pages.Courses.QuizOptions.SectionName));
        services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.SectionName));
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoProgressSeeder>();
        services.AddLearningHealthChecks();
        return builder;
    }

    public static WebApplication UseLearningWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: a cached page is only served to a request that was allowed to see it.
        app.UseMiddleware<PersonalPageMiddleware>();
        // MapStaticAssets, not UseStaticFiles: it also serves the theme's assets after publish (platform notes gotcha 11).
        // Anonymous: the sign-in page needs its stylesheet before anyone is signed in, and the
        // fallback policy (authenticated users only) would otherwise answer with the login page.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        app.MapLearningHealthChecks();
        return app;
    }
}
