using System.Text.Json.Serialization;
using Users.Api.Endpoints.Requests;
using Users.Application.Audit.Queries.ListAuditEvents;
using Users.Application.OAuth.Queries.ListOAuthAccounts;
using Users.Application.Sessions;
using Users.Application.Users;
using Users.Application.Users.Queries.ListUsers;

namespace Users.Api.Binding;

/// <summary>
/// Source-generated serializers for the success bodies of the busiest routes (the current user, a user, a page of
/// users, a bearer token): written member by member instead of through reflection-built converters. First in the
/// HTTP JSON resolver chain; every other type still goes through the reflection resolver with the same snake_case
/// names.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(UserRead))]
[JsonSerializable(typeof(UserPage))]
[JsonSerializable(typeof(BearerResponse))]
[JsonSerializable(typeof(IReadOnlyList<SessionRead>))]
[JsonSerializable(typeof(AuditPage))]
[JsonSerializable(typeof(OAuthAuthorizeResponse))]
[JsonSerializable(typeof(IReadOnlyList<OAuthAccountRead>))]
internal sealed partial class ResponseJsonContext : JsonSerializerContext;
