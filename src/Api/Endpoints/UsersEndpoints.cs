using MediatR;
using Users.Api.Authentication;
using Users.Api.Authentication.Backends;
using Users.Api.Endpoints.Requests;
using Users.Api.Errors;
using Users.Api.Json;
using Users.Application.Auth.Commands.LogoutEverywhere;
using Users.Application.Users;
using Users.Application.Users.Commands.DeleteUser;
using Users.Application.Users.Commands.UpdateCurrentUser;
using Users.Application.Users.Commands.UpdateUser;
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
            .WithJsonBody<UserAdminUpdateRequest>()
            .WithName("users:patch_user")
            .WithSummary("Change any field of a user")
            .Produces<UserRead>()
            .ProducesError(StatusCodes.Status400BadRequest)
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status403Forbidden)
            .ProducesError(StatusCodes.Status404NotFound)
            .ProducesError(StatusCodes.Status422UnprocessableEntity);
        admin.MapDelete("/{id}", DeleteAsync)
            .WithName("users:delete_user")
            .WithSummary("Delete a user")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesError(StatusCodes.Status401Unauthorized)
            .ProducesError(StatusCodes.Status403Forbidden)
            .ProducesError(StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult GetMe(HttpContext context) => Results.Json(context.CurrentUser());

    private static async Task<IResult> UpdateMeAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var body = context.JsonBody();
        var email = body.Text("email");
        body.RejectNull("email", email);
        var password = body.Text("password");
        if (!body.IsValid)
        {
            return Problems.Validation(body.Failures, context);
        }

        // is_active, is_superuser and is_verified are not read at all: the contract ignores them here.
        var command = new UpdateCurrentUserCommand(context.CurrentUser().Id, email.OrDefault, password.OrDefault);
        var result = await mediator.Send(command, cancellationToken);
        return result.ToJson(context);
    }

    private static async Task<IResult> LogoutEverywhereAsync(
        HttpContext context, IMediator mediator, AuthCookies cookies, CancellationToken cancellationToken)
    {
        var current = context.Features.Get<CurrentUserFeature>()!;
        var result = await mediator.Send(new LogoutEverywhereCommand(current.User.Id), cancellationToken);
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

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        // The contract orders the checks: unknown id (404) before body validation (422).
        if (!UserIds.TryParse(id, out var userId)
            || !(await mediator.Send(new GetUserByIdQuery(userId), cancellationToken)).IsSuccess)
        {
            return Problems.Status(StatusCodes.Status404NotFound, context);
        }

        var body = context.JsonBody();
        var email = body.Text("email");
        body.RejectNull("email", email);
        var password = body.Text("password");
        var isActive = body.Bool("is_active");
        body.RejectNull("is_active", isActive);
        var isSuperuser = body.Bool("is_superuser");
        body.RejectNull("is_superuser", isSuperuser);
        var isVerified = body.Bool("is_verified");
        body.RejectNull("is_verified", isVerified);
        if (!body.IsValid)
        {
            return Problems.Validation(body.Failures, context);
        }

        var command = new UpdateUserCommand(
            userId,
            email.OrDefault,
            password.OrDefault,
            isActive.IsPresent ? isActive.Value : (bool?)null,
            isSuperuser.IsPresent ? isSuperuser.Value : (bool?)null,
            isVerified.IsPresent ? isVerified.Value : (bool?)null);
        var result = await mediator.Send(command, cancellationToken);
        return result.ToJson(context);
    }

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
