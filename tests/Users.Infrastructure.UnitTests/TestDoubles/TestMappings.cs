using Mapster;
using Users.Application.Common.Mapping;
using Users.Application.Users;

namespace Users.Infrastructure.UnitTests.TestDoubles;

/// <summary>The Application's real mapping configuration (the one read model the current-user lookup derives from).</summary>
internal static class TestMappings
{
    public static readonly TypeAdapterConfig Configuration = MappingConfiguration.Create([typeof(UserRead).Assembly]);
}
