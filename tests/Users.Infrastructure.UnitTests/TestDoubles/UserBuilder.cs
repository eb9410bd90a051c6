using Users.Domain.Users;

namespace Users.Infrastructure.UnitTests.TestDoubles;

/// <summary>Users for tests, with named defaults.</summary>
internal static class UserBuilder
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static User Create(string email = "someone@example.com", bool isActive = true, DateTimeOffset? at = null) =>
        User.Register(Email.Create(email).Value, "$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA", at ?? Now, isActive);
}
