namespace Users.Application.Abstractions.Adoption;

/// <summary>The deployment to adopt cannot be read as a FastAPI Users database; the message says why, for the operator.</summary>
public sealed class AdoptionSourceException : Exception
{
    public AdoptionSourceException() { }

    public AdoptionSourceException(string message)
        : base(message) { }

    public AdoptionSourceException(string message, Exception innerException)
        : base(message, innerException) { }
}
