using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

// ASP.NET Core Identity's API endpoints as the documentation sets them up ("Use Identity to secure a Web API
// backend for SPAs"): AddIdentityApiEndpoints + AddEntityFrameworkStores + MapIdentityApi, bearer tokens.
// Run with the argument "ensure-created" to create the schema and exit.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDbContext<BaselineDbContext>(options =>
    options.UseNpgsql(builder.Configuration.GetConnectionString("Identity")));
builder.Services.AddAuthorization();
builder.Services.AddIdentityApiEndpoints<IdentityUser>()
    .AddEntityFrameworkStores<BaselineDbContext>();

var app = builder.Build();

if (args.Contains("ensure-created"))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<BaselineDbContext>().Database.EnsureCreatedAsync();
    return;
}

app.MapIdentityApi<IdentityUser>();
app.MapGet("/ping", () => "pong");

await app.RunAsync();

internal sealed class BaselineDbContext(DbContextOptions<BaselineDbContext> options) : IdentityDbContext<IdentityUser>(options);
