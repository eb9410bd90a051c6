using FluentValidation;
using Users.Application.Abstractions.Adoption;

namespace Users.Application.Adoption.Commands.AdoptFastApiUsers;

public sealed class AdoptFastApiUsersCommandValidator : AbstractValidator<AdoptFastApiUsersCommand>
{
    // A table name goes into SQL (quoted), so it is held to what a table name is: letters, digits and underscores,
    // optionally after a schema name and a dot.
    private const string TableNamePattern = "^([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}$";

    public AdoptFastApiUsersCommandValidator()
    {
        RuleFor(c => c.ConnectionString).NotEmpty().WithMessage("Give the FastAPI Users database's connection string.");
        RuleFor(c => c.Provider)
            .Must(p => string.Equals(p, FastApiUsersSource.PostgresProvider, StringComparison.OrdinalIgnoreCase)
                || string.Equals(p, FastApiUsersSource.SqliteProvider, StringComparison.OrdinalIgnoreCase))
            .WithMessage($"The provider must be '{FastApiUsersSource.PostgresProvider}' or '{FastApiUsersSource.SqliteProvider}'.");
        RuleFor(c => c.UserTable).Matches(TableNamePattern).WithMessage("'{PropertyValue}' is not a table name.");
        RuleFor(c => c.OAuthTable).Matches(TableNamePattern).WithMessage("'{PropertyValue}' is not a table name.");
        RuleFor(c => c.TokenTable).Matches(TableNamePattern).WithMessage("'{PropertyValue}' is not a table name.");
    }
}
