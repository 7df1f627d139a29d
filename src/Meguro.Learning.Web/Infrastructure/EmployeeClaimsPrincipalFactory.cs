using System.Security.Claims;
using Meguro.Learning.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Infrastructure;

public static class LearningClaims
{
    public const string EmployeeId = "meguro:employee_id";
    public const string DisplayName = "meguro:display_name";

    public static int? GetEmployeeId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(EmployeeId), out var id) ? id : null;

    public static string GetDisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) is { Length: > 0 } name ? name : user.Identity?.Name ?? "";
}

/// <summary>Puts the employee id and display name into the sign-in cookie so scope checks need no extra lookup.</summary>
public sealed class EmployeeClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(LearningClaims.DisplayName, user.DisplayName));
        if (user.EmployeeId is { } employeeId)
        {
            identity.AddClaim(new Claim(LearningClaims.EmployeeId, employeeId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}
