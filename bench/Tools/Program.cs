using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Geralt;
using Microsoft.AspNetCore.Identity;

// Usage (ALG COST: sha256|sha512 ITERATIONS for PBKDF2, or argon2id MEMORY_KIB:PASSES for Argon2id with one lane,
// computed with libsodium through Geralt as Users computes it; e.g. "sha512 100000" or "argon2id 19456:2"):
//   users-hash <alg> <cost> <password>    one PHC-format hash, as Users stores it
//   identity-hash <password>              one ASP.NET Core Identity (V3) hash, as PasswordHasher<IdentityUser> writes it
//   hash-cost <alg> <cost> <count>        CPU milliseconds of one hash (median of count, single thread)
//   hash-rate <alg> <cost> <seconds>      hashes per second with one thread per core, all busy
if (args.Length == 0)
{
    await Console.Error.WriteLineAsync(
        "usage: users-hash ALG COST PASSWORD | identity-hash PASSWORD | hash-cost ALG COST COUNT | hash-rate ALG COST SECONDS"
        + " (ALG COST: sha256|sha512 ITERATIONS, or argon2id MEMORY_KIB:PASSES)");
    return 2;
}

switch (args[0])
{
    case "users-hash" when args[1] == "argon2id":
        {
            var (memoryKiB, passes) = Argon2Cost(args[2]);
            Console.WriteLine(Argon2idHash(Encoding.UTF8.GetBytes(args[3]), memoryKiB, passes));
            return 0;
        }

    case "users-hash":
        {
            var algorithm = Algorithm(args[1]);
            var iterations = int.Parse(args[2], CultureInfo.InvariantCulture);
            var salt = RandomNumberGenerator.GetBytes(16);
            var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(args[3]), salt, iterations, algorithm, 32);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"$pbkdf2-{args[1]}$i={iterations}${B64(salt)}${B64(key)}"));
            return 0;
        }

    case "identity-hash":
        Console.WriteLine(new PasswordHasher<IdentityUser>().HashPassword(new IdentityUser(), args[1]));
        return 0;

    case "hash-cost":
        {
            var (hash, warmUp) = Hasher(args[1], args[2]);
            var count = int.Parse(args[3], CultureInfo.InvariantCulture);
            var password = "bench-password-cost"u8.ToArray();
            warmUp(password); // JIT and load
            var samples = new List<double>(count);
            for (var i = 0; i < count; i++)
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                hash(password);
                samples.Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds);
            }

            samples.Sort();
            Console.WriteLine(samples[samples.Count / 2].ToString("F1", CultureInfo.InvariantCulture));
            return 0;
        }

    case "hash-rate":
        {
            // What the machine allows right now: every core hashing at once (on a VM two vCPUs may share one
            // physical core, and neighbours take their share), counted over a wall-clock window.
            var (hash, warmUp) = Hasher(args[1], args[2]);
            var seconds = double.Parse(args[3], CultureInfo.InvariantCulture);
            var password = "bench-password-rate"u8.ToArray();
            warmUp(password);
            var stopwatch = Stopwatch.StartNew();
            var done = 0;
            var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(worker => Task.Run(() =>
            {
                while (stopwatch.Elapsed.TotalSeconds < seconds)
                {
                    hash(password);
                    Interlocked.Increment(ref done);
                }
            })).ToArray();
            await Task.WhenAll(workers);
            Console.WriteLine((done / stopwatch.Elapsed.TotalSeconds).ToString("F1", CultureInfo.InvariantCulture));
            return 0;
        }

    default:
        await Console.Error.WriteLineAsync($"unknown command {args[0]}");
        return 2;
}

// One hash at ALG COST (what is timed) and its warm-up (JIT, and for Argon2id loading libsodium). PBKDF2: one
// derivation with a fixed salt, warmed up at 1,000 iterations. Argon2id: one libsodium hash as Users computes it
// for a registration (its own random salt, the PHC string written), warmed up with one hash at the same cost.
static (Action<byte[]> Hash, Action<byte[]> WarmUp) Hasher(string name, string cost)
{
    if (name == "argon2id")
    {
        var (memoryKiB, passes) = Argon2Cost(cost);
        Action<byte[]> argon2id = password => Argon2idHash(password, memoryKiB, passes);
        return (argon2id, argon2id);
    }

    var algorithm = Algorithm(name);
    var iterations = int.Parse(cost, CultureInfo.InvariantCulture);
    var salt = RandomNumberGenerator.GetBytes(16);
    return (password => Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, algorithm, 32),
        password => Rfc2898DeriveBytes.Pbkdf2(password, salt, 1000, algorithm, 32));
}

// As Users' Argon2idPasswordHasher: one lane, libsodium's 16-byte salt and 32-byte tag, memory given in bytes; the
// PHC string "$argon2id$v=19$m=<KiB>,t=<passes>,p=1$<salt>$<tag>" is NUL-terminated in the buffer.
static string Argon2idHash(byte[] password, int memoryKiB, int passes)
{
    var encoded = new char[Argon2id.HashSize];
    Argon2id.ComputeHash(encoded, password, passes, memoryKiB * 1024);
    var length = Array.IndexOf(encoded, '\0');
    return new string(encoded, 0, length < 0 ? encoded.Length : length);
}

// "19456:2" -> 19456 KiB, 2 passes.
static (int MemoryKiB, int Passes) Argon2Cost(string cost)
{
    var parts = cost.Split(':');
    return parts.Length == 2
        ? (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture))
        : throw new ArgumentException($"argon2id cost must be MEMORY_KIB:PASSES, not {cost}", nameof(cost));
}

static HashAlgorithmName Algorithm(string name) => name switch
{
    "sha256" => HashAlgorithmName.SHA256,
    "sha512" => HashAlgorithmName.SHA512,
    _ => throw new ArgumentException($"unknown algorithm {name} (sha256, sha512 or argon2id)", nameof(name)),
};

static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');
