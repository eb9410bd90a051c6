using System.Reflection;
using NetArchTest.Rules;

namespace Users.ArchitectureTests;

/// <summary>
/// Dependencies point inward: Domain depends on nothing, Application on Domain and abstractions only, and the HTTP
/// endpoints on Application, never on Infrastructure. Checked on the compiled types, so a stray <c>using</c> or a
/// single member of a forbidden type fails here.
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(Users.Domain.Users.User).Assembly;
    private static readonly Assembly Application = typeof(Users.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(Users.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Api = typeof(Users.Api.DependencyInjection).Assembly;

    // The frameworks an inner layer must not know about.
    private static readonly string[] Persistence = ["Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Data.Sqlite"];
    private static readonly string[] Web = ["Microsoft.AspNetCore"];

    // Infrastructure may use ASP.NET Core's Data Protection (a cryptography library that lives under that namespace, with
    // no HTTP in it) and nothing of the web host.
    private static readonly string[] Http =
    [
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Builder",
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.Server",
    ];

    [Fact]
    public void Domain_DependsOnNoOtherLayerAndNoFramework()
    {
        string[] forbidden = [.. Persistence, .. Web, "Users.Application", "Users.Infrastructure", "Users.Api", "MediatR", "Mapster", "FluentValidation"];

        AssertNoDependency(Types.InAssembly(Domain), forbidden);
    }

    [Fact]
    public void Domain_ReferencesNoAssemblyButTheFramework()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard");

        Assert.Empty(references);
    }

    [Fact]
    public void Application_DependsNeitherOnPersistenceNorOnTheWeb_NorOnOuterLayers()
    {
        AssertNoDependency(Types.InAssembly(Application), [.. Persistence, .. Web, "Users.Infrastructure", "Users.Api"]);
    }

    [Fact]
    public void Infrastructure_DoesNotDependOnTheApi()
    {
        AssertNoDependency(Types.InAssembly(Infrastructure), [.. Http, "Users.Api"]);
    }

    [Fact]
    public void Endpoints_DoNotReferenceInfrastructure()
    {
        var endpoints = Types.InAssembly(Api).That().ResideInNamespaceStartingWith("Users.Api.Endpoints");

        AssertNoDependency(endpoints, ["Users.Infrastructure", .. Persistence]);
    }

    [Fact]
    public void TheRule_DetectsADependencyThatExists()
    {
        // Guards the tests above against passing vacuously (a wrong namespace, an empty type set).
        var result = Types.InAssembly(Infrastructure).ShouldNot().HaveDependencyOnAny(Persistence).GetResult();

        Assert.False(result.IsSuccessful);
        Assert.NotEmpty(Types.InAssembly(Api).That().ResideInNamespaceStartingWith("Users.Api.Endpoints").GetTypes());
    }

    private static void AssertNoDependency(Types types, string[] forbidden) => AssertNoDependency(types.That().ArePublic().Or().AreNotPublic(), forbidden);

    private static void AssertNoDependency(PredicateList types, string[] forbidden)
    {
        var result = types.ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful, "Forbidden dependency in: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
