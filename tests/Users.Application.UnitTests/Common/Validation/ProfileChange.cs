using Users.Domain.Common;

namespace Users.Application.UnitTests.Common.Validation;

/// <summary>A test-only PATCH body: an address and a flag that cannot be cleared, a display name that can.</summary>
public sealed record ProfileChange
{
    public Optional<string?> Email { get; init; }

    public Optional<string?> DisplayName { get; init; }

    public Optional<bool?> Flag { get; init; }
}
