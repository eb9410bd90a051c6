using Users.Domain.Users;

namespace Users.Application.Users;

/// <summary>The one place where a <see cref="User"/> becomes a <see cref="UserRead"/>.</summary>
public static class UserMappings
{
    public static UserRead ToRead(this User user) =>
        new(user.Id, user.Email, user.IsActive, user.IsSuperuser, user.IsVerified);
}
