namespace Users.Application.Users;

public static class UserFieldsExtensions
{
    /// <summary>
    /// The same fields without <c>is_active</c>, <c>is_superuser</c> and <c>is_verified</c>: what a user may set on
    /// themselves (FastAPI Users' <c>safe=True</c>). Registration and <c>PATCH /users/me</c> pass requests through this.
    /// </summary>
    public static T WithoutFlags<T>(this T fields)
        where T : UserFields
    {
        ArgumentNullException.ThrowIfNull(fields);
        return (T)(fields with { IsActive = default, IsSuperuser = default, IsVerified = default });
    }
}
