using FluentValidation;
using Users.Application.Common.Validation;

namespace Users.Application.Users;

/// <summary>
/// The rules of <see cref="UserFields"/>, included by the create and update commands' validators. A custom field's
/// rule goes here (a length at most the column's, so the database never refuses what validation let through).
/// </summary>
public sealed class UserFieldsValidator : AbstractValidator<UserFields>
{
    public UserFieldsValidator()
    {
        RuleFor(f => f.IsActive).NotNullWhenSet();
        RuleFor(f => f.IsSuperuser).NotNullWhenSet();
        RuleFor(f => f.IsVerified).NotNullWhenSet();
    }
}
