using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Geralt;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

// The floor for each scenario: validate the same JWT and read one row by primary key with its session (GET /me: the
// contract ends every token of an ended session at once, so the session must be seen on every request); fetch one
// row by normalized email, check one hash and start a session (POST /login); hash once and insert one row
// (POST /register); a constant (GET /ping). Same tables, same token format, same hash settings as Users: Argon2id
// through libsodium (Geralt) when Auth:PasswordHashing:Algorithm is argon2id or unset (Users' default), PBKDF2 when
// it is sha256 or sha512; login verifies a stored $argon2id$ or $pbkdf2-...$ hash whatever is configured.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, FloorJson.Default));

var secret = builder.Configuration["Auth:Secret"] ?? throw new InvalidOperationException("Auth:Secret is required");
var iterations = int.Parse(builder.Configuration["Auth:PasswordHashing:Iterations"] ?? "600000", CultureInfo.InvariantCulture);
var algorithm = (builder.Configuration["Auth:PasswordHashing:Algorithm"] ?? "argon2id").ToLowerInvariant();
var prfName = algorithm == "sha512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
var argon2MemoryKiB = int.Parse(builder.Configuration["Auth:PasswordHashing:Argon2:MemoryKiB"] ?? "19456", CultureInfo.InvariantCulture);
var argon2Iterations = int.Parse(builder.Configuration["Auth:PasswordHashing:Argon2:Iterations"] ?? "2", CultureInfo.InvariantCulture);
var connectionString = builder.Configuration.GetConnectionString("Users") ?? throw new InvalidOperationException("ConnectionStrings:Users is required");

const string Audience = "fastapi-users:auth";
var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
var signing = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false, MapInboundClaims = false };
var validation = new TokenValidationParameters
{
    IssuerSigningKey = key,
    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
    ValidateIssuer = false,
    ValidAudience = Audience,
    RequireExpirationTime = true,
    ClockSkew = TimeSpan.FromSeconds(30),
};

// The database settings Users applies by default (automatic preparation), so both sides do the same server work.
var connection = new NpgsqlConnectionStringBuilder(connectionString);
if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
{
    connection.MaxAutoPrepare = 20;
}

await using var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
var app = builder.Build();

app.MapGet("/ping", () => "pong");

app.MapGet("/me", async (HttpContext context) =>
{
    var header = context.Request.Headers.Authorization.ToString();
    if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
    {
        return Results.Unauthorized();
    }

    var result = await handler.ValidateTokenAsync(header[7..], validation);
    if (!result.IsValid
        || result.SecurityToken is not JsonWebToken jwt
        || !Guid.TryParseExact(jwt.Subject, "D", out var id)
        || !jwt.TryGetPayloadValue<string>("stamp", out var stamp)
        || !jwt.TryGetPayloadValue<string>("sid", out var sid)
        || !Guid.TryParseExact(sid, "D", out var sessionId))
    {
        return Results.Unauthorized();
    }

    await using var command = dataSource.CreateCommand(
        "SELECT u.email, u.is_active, u.is_superuser, u.is_verified, u.security_stamp, s.id IS NOT NULL "
        + "FROM users AS u LEFT JOIN sessions AS s ON s.id = $2 AND s.user_id = u.id WHERE u.id = $1");
    command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
    command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId });
    await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
    if (!await reader.ReadAsync(context.RequestAborted) || !reader.GetBoolean(1) || reader.GetString(4) != stamp || !reader.GetBoolean(5))
    {
        return Results.Unauthorized();
    }

    return Results.Json(new UserRead(id, reader.GetString(0), true, reader.GetBoolean(2), reader.GetBoolean(3)), FloorJson.Default.UserRead);
});

app.MapPost("/login", async (HttpContext context) =>
{
    var form = await context.Request.ReadFormAsync(context.RequestAborted);
    var email = form["username"].ToString().Trim().ToLowerInvariant();
    var password = form["password"].ToString();

    Guid userId;
    string userStamp;
    await using (var command = dataSource.CreateCommand(
        "SELECT id, hashed_password, security_stamp, is_active FROM users WHERE normalized_email = $1"))
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
        await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
        if (!await reader.ReadAsync(context.RequestAborted) || !reader.GetBoolean(3) || !Verify(reader.GetString(1), password))
        {
            return Results.BadRequest();
        }

        (userId, userStamp) = (reader.GetGuid(0), reader.GetString(2));
    }

    var now = DateTimeOffset.UtcNow;
    var sessionId = Guid.CreateVersion7(now);
    await using var session = dataSource.CreateCommand(
        "INSERT INTO sessions (id, user_id, security_stamp, backend, created_at, last_used_at, expires_at) VALUES ($1, $2, $3, 'jwt', $4, $4, $5)");
    session.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId });
    session.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = userId });
    session.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userStamp });
    session.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now.ToUnixTimeMilliseconds() });
    session.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now.AddHours(1).ToUnixTimeMilliseconds() });
    await session.ExecuteNonQueryAsync(context.RequestAborted);

    var token = handler.CreateToken(new SecurityTokenDescriptor
    {
        SigningCredentials = signing,
        IssuedAt = DateTime.UtcNow,
        Expires = DateTime.UtcNow.AddHours(1),
        Claims = new Dictionary<string, object>
        {
            ["sub"] = userId.ToString("D"),
            ["stamp"] = userStamp,
            ["sid"] = sessionId.ToString("D"),
            ["aud"] = new[] { Audience },
        },
    });
    return Results.Json(new TokenResponse(token, "bearer"), FloorJson.Default.TokenResponse);
});

app.MapPost("/register", async (RegisterRequest request, CancellationToken cancellationToken) =>
{
    var stored = algorithm == "argon2id"
        ? Argon2idHash(request.Password, argon2MemoryKiB, argon2Iterations)
        : Pbkdf2Hash(request.Password, algorithm, prfName, iterations);
    var id = Guid.CreateVersion7();
    var now = DateTimeOffset.UtcNow;
    await using var command = dataSource.CreateCommand(
        "INSERT INTO users (id, email, normalized_email, hashed_password, is_active, is_superuser, is_verified, security_stamp, created_at, updated_at) "
        + "VALUES ($1, $2, $3, $4, true, false, false, $5, $6, $6)");
    command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.Email });
    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.Email.ToLowerInvariant() });
    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stored });
    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) });
    command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
    await command.ExecuteNonQueryAsync(cancellationToken);
    return Results.Json(new UserRead(id, request.Email, true, false, false), FloorJson.Default.UserRead, statusCode: StatusCodes.Status201Created);
});

await app.RunAsync();

// "$argon2id$v=19$m=M,t=T,p=P$salt$tag" (libsodium parses it and compares in constant time), or
// "$pbkdf2-<alg>$i=N$salt$key", base64 without padding.
static bool Verify(string stored, string password)
{
    if (stored.StartsWith("$argon2id$", StringComparison.Ordinal))
    {
        return stored.Length <= Argon2id.HashSize && Argon2id.VerifyHash(stored, Encoding.UTF8.GetBytes(password));
    }

    var parts = stored.Split('$');
    if (parts.Length != 5)
    {
        return false;
    }

    var algorithm = parts[1] == "pbkdf2-sha512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
    var count = int.Parse(parts[2].AsSpan(2), CultureInfo.InvariantCulture);
    var salt = FromB64(parts[3]);
    var expected = FromB64(parts[4]);
    var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, count, algorithm, expected.Length);
    return CryptographicOperations.FixedTimeEquals(actual, expected);
}

// One lane, libsodium's 16-byte salt and 32-byte tag, memory given in bytes; libsodium writes a NUL-terminated
// PHC string into the buffer (as Users' Argon2idPasswordHasher).
static string Argon2idHash(string password, int memoryKiB, int passes)
{
    var encoded = new char[Argon2id.HashSize];
    Argon2id.ComputeHash(encoded, Encoding.UTF8.GetBytes(password), passes, memoryKiB * 1024);
    var length = Array.IndexOf(encoded, '\0');
    return new string(encoded, 0, length < 0 ? encoded.Length : length);
}

static string Pbkdf2Hash(string password, string prf, HashAlgorithmName prfName, int iterations)
{
    var salt = RandomNumberGenerator.GetBytes(16);
    var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, prfName, 32);
    return string.Create(CultureInfo.InvariantCulture, $"$pbkdf2-{prf}$i={iterations}${B64(salt)}${B64(hash)}");
}

static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

static byte[] FromB64(string text) => Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));

internal sealed record UserRead(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("is_active")] bool IsActive,
    [property: JsonPropertyName("is_superuser")] bool IsSuperuser,
    [property: JsonPropertyName("is_verified")] bool IsVerified);

internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType);

internal sealed record RegisterRequest(
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("password")] string Password);

[JsonSerializable(typeof(UserRead))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(RegisterRequest))]
internal sealed partial class FloorJson : JsonSerializerContext;
