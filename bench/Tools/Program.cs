using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

// Usage:
//   users-hash <sha256|sha512> <iterations> <password>   one PHC-format hash, as Users stores it
//   identity-hash <password>                             one ASP.NET Core Identity (V3) hash, as PasswordHasher<IdentityUser> writes it
//   hash-cost <sha256|sha512> <iterations> <count>       CPU milliseconds of one PBKDF2 derivation (median of count, single thread)
//   hash-rate <sha256|sha512> <iterations> <seconds>     PBKDF2 derivations per second with one thread per core, all busy
if (args.Length == 0)
{
    await Console.Error.WriteLineAsync("usage: users-hash ALG ITER PASSWORD | identity-hash PASSWORD | hash-cost ALG ITER COUNT | hash-rate ALG ITER SECONDS");
    return 2;
}

switch (args[0])
{
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
            var algorithm = Algorithm(args[1]);
            var iterations = int.Parse(args[2], CultureInfo.InvariantCulture);
            var count = int.Parse(args[3], CultureInfo.InvariantCulture);
            var password = "bench-password-cost"u8.ToArray();
            var salt = RandomNumberGenerator.GetBytes(16);
            _ = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1000, algorithm, 32); // JIT and load
            var samples = new List<double>(count);
            for (var i = 0; i < count; i++)
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                _ = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, algorithm, 32);
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
            var algorithm = Algorithm(args[1]);
            var iterations = int.Parse(args[2], CultureInfo.InvariantCulture);
            var seconds = double.Parse(args[3], CultureInfo.InvariantCulture);
            var password = "bench-password-rate"u8.ToArray();
            var salt = RandomNumberGenerator.GetBytes(16);
            _ = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1000, algorithm, 32);
            var stopwatch = Stopwatch.StartNew();
            var done = 0;
            var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(worker => Task.Run(() =>
            {
                while (stopwatch.Elapsed.TotalSeconds < seconds)
                {
                    _ = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, algorithm, 32);
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

static HashAlgorithmName Algorithm(string name) => name switch
{
    "sha256" => HashAlgorithmName.SHA256,
    "sha512" => HashAlgorithmName.SHA512,
    _ => throw new ArgumentException($"unknown algorithm {name}", nameof(name)),
};

static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');
