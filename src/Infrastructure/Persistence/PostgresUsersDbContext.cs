using Microsoft.EntityFrameworkCore;

namespace Users.Infrastructure.Persistence;

/// <summary>The PostgreSQL flavour; its migrations live in <c>Persistence/Migrations/Postgres</c>.</summary>
public sealed class PostgresUsersDbContext(DbContextOptions<PostgresUsersDbContext> options) : UsersDbContext(options);
