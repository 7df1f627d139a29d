using System.Security.Claims;
using Meguro.Learning.Data.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Meguro.Learning.Web.Pages;

/// <summary>Sends each person to the home page of their most specific role.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect(HomeFor(User));

    public static string HomeFor(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrator) ? "/admin"
        : user.IsInRole(Roles.HR) ? "/hr"
        : user.IsInRole(Roles.ContentEditor) ? "/authoring"
        : user.IsInRole(Roles.Manager) ? "/manager"
        : "/my";
}
