using System.Reflection;
using System.Reflection.Emit;

namespace Users.Application.UnitTests.Common.Mapping;

/// <summary>Builds, in memory, an assembly whose only type is a concrete subclass of a test mapping.</summary>
public static class MappingAssemblies
{
    public static Assembly Containing<TRegister>()
        where TRegister : class
    {
        var name = "Mappings." + typeof(TRegister).Name + "." + Guid.NewGuid().ToString("N");
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName(name), AssemblyBuilderAccess.RunAndCollect);
        var type = assembly.DefineDynamicModule(name)
            .DefineType(name + ".Mapping", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(TRegister));
        type.DefineDefaultConstructor(MethodAttributes.Public);
        type.CreateType();
        return assembly;
    }
}
