using Mapster;
using Mapster.Models;
using MapsterMapper;
using Microsoft.Extensions.DependencyInjection;
using Users.Application.Common.Mapping;
using Users.Application.UnitTests.TestSupport;
using Users.Application.Users;
using Users.Application.Users.Commands.CreateUser;
using Users.Application.Users.Commands.UpdateUser;
using Users.Domain.Common;
using Users.Domain.Users;
using Users.TestSupport;

namespace Users.Application.UnitTests.Common.Mapping;

/// <summary>
/// The one mapping configuration: strict (a destination member needs a source or an explicit ignore), compiled when
/// created, so a member left unmapped fails here instead of arriving empty.
/// </summary>
public sealed class MappingConfigurationTests
{
    private static readonly IMapper Mapper = Ports.Mapper;

    public static TheoryData<Type, Type> DeclaredPairs => new()
    {
        { typeof(User), typeof(UserRead) },
        { typeof(CreateUserCommand), typeof(UserChanges) },
        { typeof(UpdateUserCommand), typeof(UserChanges) },
    };

    [Theory]
    [MemberData(nameof(DeclaredPairs))]
    public void Create_FromTheApplicationAssembly_DeclaresThePairAndCompilesItStrictly(Type source, Type destination)
    {
        var config = MappingConfiguration.Create([typeof(UserRead).Assembly]);

        Assert.True(config.RequireDestinationMemberSource);
        Assert.Contains(new TypeTuple(source, destination), config.RuleMap.Keys);
        config.Compile(source, destination); // throws if a destination member had no source
    }

    [Fact]
    public void Create_WithARegisterLeavingADestinationMemberWithoutSource_Throws()
    {
        var incomplete = MappingAssemblies.Containing<IncompleteUserMapping>();

        var thrown = Assert.Throws<CompileException>(() => MappingConfiguration.Create([typeof(UserRead).Assembly, incomplete]));

        var reason = Assert.IsType<InvalidOperationException>(thrown.InnerException);
        Assert.Contains(nameof(UserReadWithNickname.Nickname), reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithTheSameMemberIgnoredExplicitly_CompilesAndLeavesItEmpty()
    {
        var config = MappingConfiguration.Create([MappingAssemblies.Containing<NicknameIgnoredUserMapping>()]);
        var user = new UserBuilder().Build();

        var read = new Mapper(config).Map<UserReadWithNickname>(user);

        Assert.Equal(user.Id, read.Id);
        Assert.Null(read.Nickname);
    }

    [Fact]
    public void CompileMappings_WithAnIncompleteMappingAssemblyAdded_StopsTheStartUp()
    {
        var services = new ServiceCollection().AddApplication().AddMappingsFrom(MappingAssemblies.Containing<IncompleteUserMapping>());
        using var provider = services.BuildServiceProvider();

        Assert.Throws<CompileException>(provider.CompileMappings);
    }

    [Fact]
    public void CompileMappings_WithTheApplicationsMappings_Succeeds()
    {
        using var host = new ApplicationHost(extraAssemblies: typeof(MappingConfigurationTests).Assembly);

        host.Services.CompileMappings();
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, true)]
    public void Map_UserToUserRead_CarriesEveryField(bool isActive, bool isSuperuser, bool isVerified)
    {
        var user = new UserBuilder().WithEmail("Carol.Smith@example.com").Inactive(!isActive).Superuser(isSuperuser).Verified(isVerified).Build();

        var read = Mapper.Map<UserRead>(user);

        Assert.Equal(new UserRead { Id = user.Id, Email = "Carol.Smith@example.com", IsActive = isActive, IsSuperuser = isSuperuser, IsVerified = isVerified }, read);
        foreach (var member in typeof(UserRead).GetProperties())
        {
            // By name: a member added to both flows through without code.
            Assert.Equal(typeof(User).GetProperty(member.Name)!.GetValue(user), member.GetValue(read));
        }
    }

    [Fact]
    public void Map_CreateUserCommandToUserChanges_CarriesSetFlagsAndLeavesTheRestToTheHandler()
    {
        var command = new CreateUserCommand { Email = "root@example.com", Password = "pw", IsActive = false, IsVerified = true };

        var changes = Mapper.Map<UserChanges>(command);

        Assert.Equal(new UserChanges { IsActive = OptionalValue.Of(false), IsVerified = OptionalValue.Of(true) }, changes);
        Assert.False(changes.IsSuperuser.IsSet);
        Assert.Null(changes.Email); // parsed by the handler
        Assert.Null(changes.PasswordHash); // hashed by the handler
    }

    [Fact]
    public void Map_UpdateUserCommandToUserChanges_CarriesSetFlagsAndTurnsNullFlagsIntoUnset()
    {
        var command = new UpdateUserCommand
        {
            Id = Guid.CreateVersion7(),
            Email = "new@example.com",
            Password = "new passphrase",
            IsActive = OptionalValue.Of<bool?>(null),
            IsSuperuser = true,
        };

        var changes = Mapper.Map<UserChanges>(command);

        Assert.Equal(new UserChanges { IsSuperuser = OptionalValue.Of(true) }, changes);
        Assert.False(changes.IsActive.IsSet);
        Assert.False(changes.IsVerified.IsSet);
    }

    [Fact]
    public void Map_CommandWithoutFlags_GivesNoChangeAtAll()
    {
        var changes = Mapper.Map<UserChanges>(new UpdateUserCommand { Id = Guid.CreateVersion7() });

        Assert.Equal(new UserChanges(), changes);
    }
}
