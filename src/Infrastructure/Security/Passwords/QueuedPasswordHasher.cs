using Users.Application.Abstractions.Security;

namespace Users.Infrastructure.Security.Passwords;

/// <summary>The application's password hasher: every format's work, each call through the bounded queue.</summary>
public sealed class QueuedPasswordHasher(PasswordHashFormats formats, PasswordHashingQueue queue) : IPasswordHasher
{
    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        queue.RunAsync(() => formats.Hash(password), cancellationToken);

    public Task<PasswordVerification> VerifyAsync(string hash, string password, CancellationToken cancellationToken) =>
        queue.RunAsync(() => formats.Verify(hash, password), cancellationToken);

    public Task VerifyAgainstDummyAsync(string password, CancellationToken cancellationToken) =>
        queue.RunAsync(
            () =>
            {
                formats.VerifyAgainstDummy(password);
                return true;
            },
            cancellationToken);
}
