using Microsoft.EntityFrameworkCore;

namespace Users.Infrastructure.Persistence;

/// <summary>The SQLite flavour; its migrations live in <c>Persistence/Migrations/Sqlite</c>.</summary>
public sealed class SqliteUsersDbContext(DbContextOptions<SqliteUsersDbContext> options) : UsersDbContext(options);
