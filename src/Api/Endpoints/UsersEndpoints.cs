using MapsterMapper;
using MediatR;
using Users.Api.Authentication;
using Users.Api.Authentication.Backends;
using Users.Api.Binding;
using Users.Api.Endpoints.Requests;
using Users.Api.Errors;
using Users.Application.Auth.Commands.LogoutEverywhere;
using Users.Application.Users;
using Users.Application.Users.Commands.ClearLockout;
using Users.Application.Users.Commands.DeleteUser;
using Users.Application.Users.Commands.UpdateUser;
using Users.Application.Users.Queries.GetLockout;
using Users.Application.Users.Queries.GetUserById;
using Users.Application.Users.Queries.ListUsers;

namespace Users.Api.Endpoints;

public static class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsersEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/users/me").WithTags("users").RequireAuthorization(Policies.ActiveUser);
        me.MapGet("", GetMe)
            .WithName("users:current_user")
            .WithSummary("The authenticated user")
            .Produces<UserRead>()
            .ProducesError(StatusCodes.Status401Unauthorized);
        me.MapPatch("", UpdateMeAsync)
            .WithJsonBody<UserUpdateRequest>()
            .WithName("users:patch_current_user")
            .WithSummary("Change the authenticated user's email or password")
            .Produces<UserRead>()
            .ProducesError(StatusCodes.Status400BadRequest)
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status422UnprocessableEntity);

        me.MapPost("/logout-all", LogoutEverywhereAsync)
            .WithName("users:logout_all")
            .WithSummary("Log out everywhere: every token of the user stops working (extension)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesError(StatusCodes.Status401Unauthorized);

        var admin = app.MapGroup("/users").WithTags("users").RequireAuthorization(Policies.Superuser);
        admin.MapGet("", ListAsync)
            .WithName("users:list")
            .WithSummary("List users (keyset pagination by id; extension)")
            .Produces<UserPage>()
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status403Forbidden)
            .ProducesError(StatusCodes.Status422UnprocessableEntity);
        admin.MapGet("/{id}", GetByIdAsync)
            .WithName("users:user")
            .WithSummary("A user by id")
            .Produces<UserRead>()
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status403Forbidden)
            .ProducesError(StatusCodes.Status404NotFound);
        admin.MapPatch("/{id}", UpdateAsync)
            .AddEndpointFilter(UnknownUserIsNotFoundAsync) // the contract orders 404 before the body's 422
            .WithJsonBody<UserUpdateRequest>()
            .WithName("users:patch_user")
            .WithSummary("Change any field of a user")
            .Produces<UserRead>()
            .ProducesError(StatusCodes.Status400BadRequest)
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status403Forbidden)
            .ProducesError(StatusCodes.Status404NotFound)
            .ProducesError(StatusCodes.Status422UnprocessableEntity);
        admin.MapGet("/{id}/lockout", GetLockoutAsync)
            .WithName("users:lockout")
            .WithSummary("A user's login lockout: consecutive failures and until when it is locked (extension)")
            .Produces<LockoutRead>()
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status403Forbidden)
            .ProducesError(StatusCodes.Status404NotFound);
        admin.MapDelete("/{id}/lockout", ClearLockoutAsync)
            .WithName("users:clear_lockout")
            .WithSummary("End a user's login lockout and forget its failures (extension)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status403Forbidden)
            .ProducesError(StatusCodes.Status404NotFound);
        admin.MapDelete("/{id}", DeleteAsync)
            .WithName("users:delete_user")
            .WithSummary("Delete a user")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status403Forbidden)
            .ProducesError(StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult GetMe(HttpContext context) => ResponseJson.Of(context.CurrentUser());

    // is_active, is_superuser and is_verified are ignored here, even when null: a user cannot grant themselves anything.
    private static async Task<IResult> UpdateMeAsync(
        JsonBody<UserUpdateRequest> body, IMediator mediator, IMapper mapper, HttpContext context, CancellationToken cancellationToken)
    {
        // Dropped before validation too, so that a null flag is ignored rather than refused.
        var command = mapper.Map<UpdateUserCommand>(body.Value).WithoutFlags() with { Id = context.CurrentUser().Id, BySelf = true };
        return (await mediator.Send(command, cancellationToken)).ToJson(context);
    }

    private static async Task<IResult> LogoutEverywhereAsync(
        HttpContext context, IMediator mediator, AuthCookies cookies, CancellationToken cancellationToken)
    {
        var current = context.CurrentAuthentication();
        var result = await mediator.Send(new LogoutEverywhereCommand(current.User.Id, current.SecurityStamp), cancellationToken);
        if (result.IsSuccess && current.Backend.Transport == BackendTransport.Cookie)
        {
            cookies.Clear(context.Response);
        }

        return result.ToNoContent(context);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var (query, failures) = ListUsersParameters.Bind(context.Request.Query);
        if (failures.Count > 0)
        {
            return Problems.Validation(failures, context);
        }

        var result = await mediator.Send(query, cancellationToken);
        return result.ToJson(context);
    }

    private static async Task<IResult> GetByIdAsync(string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        if (!UserIds.TryParse(id, out var userId))
        {
            return Problems.Status(StatusCodes.Status404NotFound, context);
        }

        var result = await mediator.Send(new GetUserByIdQuery(userId), cancellationToken);
        return result.ToJson(context);
    }

    private static async Task<IResult> UpdateAsync(
        string id, JsonBody<UserUpdateRequest> body, IMediator mediator, IMapper mapper, HttpContext context, CancellationToken cancellationToken)
    {
        _ = UserIds.TryParse(id, out var userId); // checked by UnknownUserIsNotFoundAsync
        var command = mapper.Map<UpdateUserCommand>(body.Value) with { Id = userId };
        return (await mediator.Send(command, cancellationToken)).ToJson(context);
    }

    private static async ValueTask<object?> UnknownUserIsNotFoundAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var known = UserIds.TryParse(http.GetRouteValue("id") as string, out var userId)
            && (await http.RequestServices.GetRequiredService<IMediator>().Send(new GetUserByIdQuery(userId), http.RequestAborted)).IsSuccess;
        return known ? await next(context) : Problems.Status(StatusCodes.Status404NotFound, http);
    }

    private static async Task<IResult> GetLockoutAsync(string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        UserIds.TryParse(id, out var userId)
            ? (await mediator.Send(new GetLockoutQuery(userId), cancellationToken)).ToJson(context)
            : Problems.Status(StatusCodes.Status404NotFound, context);

    private static async Task<IResult> ClearLockoutAsync(string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        UserIds.TryParse(id, out var userId)
            ? (await mediator.Send(new ClearLockoutCommand(userId), cancellationToken)).ToNoContent(context)
            : Problems.Status(StatusCodes.Status404NotFound, context);

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        if (!UserIds.TryParse(id, out var userId))
        {
            return Problems.Status(StatusCodes.Status404NotFound, context);
        }

        var result = await mediator.Send(new DeleteUserCommand(userId), cancellationToken);
        return result.ToNoContent(context);
    }
}
