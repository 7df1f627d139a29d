using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary>
/// The sign-in cookie's check of the security stamp (an account locked or changed since sign-in is
/// signed out), made only when it is due. Identity's own hook resolves its validator on every
/// request, and with it SignInManager, UserManager and a DbContext, also for a lesson page served
/// from the cache; the validator then skips the check anyway until
/// <see cref="SecurityStampValidatorOptions.ValidationInterval"/> has passed since the cookie was
/// issued. The same test is made here first, so what is checked, and when, is unchanged.
/// </summary>
public static class SecurityStampCheck
{
    public static Task WhenDueAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval
            ? Task.CompletedTask
            : SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
