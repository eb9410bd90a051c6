namespace Users.Api.Errors;

public static class ErrorResponseExtensions
{
    /// <summary>Documents an error response with the body this service really sends (<see cref="ProblemBody"/>).</summary>
    public static RouteHandlerBuilder ProducesError(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            builder.Produces<ProblemBody>(status, Problems.ContentType);
        }

        return builder;
    }
}
