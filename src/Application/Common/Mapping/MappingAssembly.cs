using System.Reflection;

namespace Users.Application.Common.Mapping;

/// <summary>An assembly whose Mapster <c>IRegister</c> classes belong to the service's one mapping configuration.</summary>
public sealed record MappingAssembly(Assembly Assembly);
