using System.Text.Json.Serialization;
using Users.Api.Endpoints.Requests;

namespace Users.Api.Binding;

/// <summary>
/// Source-generated readers of every JSON request record (bound by <see cref="JsonRequestBinder"/>), with the member
/// types that <see cref="OptionalJsonConverterFactory"/> reads inside <c>Optional</c>. A new request record is listed here.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(OptionalJsonConverterFactory)])]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(UserUpdateRequest))]
[JsonSerializable(typeof(EmailRequest))]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(ResetPasswordRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool?))]
internal sealed partial class RequestJsonContext : JsonSerializerContext;
