using System.Reflection;
using Mapster;

namespace Users.Application.Common.Mapping;

/// <summary>
/// The service's one Mapster configuration: every <see cref="IRegister"/> of the given assemblies (request to command
/// in the Api; aggregate to read model and command to change set here). Members map by name, so a new field flows
/// through the mapping without code. Strict: every destination member needs a source or an explicit
/// <c>Ignore</c>, and <see cref="Create"/> compiles every declared pair, so a member left unmapped stops the start-up
/// (and fails a unit test) instead of arriving empty.
/// </summary>
public static class MappingConfiguration
{
    public static TypeAdapterConfig Create(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var config = new TypeAdapterConfig { RequireDestinationMemberSource = true };

        // Values of the same type pass as they are: Optional<T>, strings, Guids (no member-wise copy of a struct).
        config.Default.ShallowCopyForSameType(true);
        config.Scan([.. assemblies.Distinct()]);
        config.Compile();
        return config;
    }
}
