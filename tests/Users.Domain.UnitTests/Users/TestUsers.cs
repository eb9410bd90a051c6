using Users.Domain.Users;

namespace Users.Domain.UnitTests.Users;

/// <summary>Test data with named defaults: a registered user whose registration event is already dispatched.</summary>
internal static class TestUsers
{
    public const string DefaultEmail = "Jane.Doe@example.com";
    public const string DefaultHash = "hash-v1";

    public static readonly DateTimeOffset RegisteredAt = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);
    public static readonly DateTimeOffset Later = RegisteredAt.AddMinutes(5);

    public static User Registered(
        string email = DefaultEmail,
        bool isActive = true,
        bool isSuperuser = false,
        bool isVerified = false)
    {
        var user = User.Register(Email(email), DefaultHash, RegisteredAt, isActive, isSuperuser, isVerified);
        user.DequeueDomainEvents();
        return user;
    }

    public static Email Email(string address) => Domain.Users.Email.Create(address).Value;
}
