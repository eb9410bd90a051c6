#!/usr/bin/python3
"""Makes the password-hash vectors the tests check our hashers against, with tools independent of this repository:
argon2-cffi (Debian's python3-argon2: what FastAPI Users runs through pwdlib), the Argon2 reference implementation's
command-line tool (Debian's argon2), pyca bcrypt (python3-bcrypt: what FastAPI Users ran through passlib before 13)
and passlib (python3-passlib, for the $2a$ and $2y$ prefixes).

    apt-get install -y python3-argon2 python3-bcrypt python3-passlib argon2
    /usr/bin/python3 tests/vectors/make-password-hashes.py > tests/vectors/password-hashes.json

Run it with Debian's interpreter: the python3 first on PATH may be another one without these modules. Every run makes
new salts, so the file changes; the tests only need each hash to verify its password and refuse another.
"""

import json
import os
import secrets
import subprocess
import sys

import argon2
import bcrypt
from passlib.hash import bcrypt as passlib_bcrypt

PASSWORDS = [
    "correct horse battery staple",
    "p\u00e4ssw\u00f6rd-\u00f1-\u65e5\u672c\u8a9e",  # not ASCII: the hash covers the UTF-8 bytes
    "x" * 100,  # longer than bcrypt's 72 bytes: bcrypt only ever saw the first 72
]

# (memory KiB, passes, lanes): FastAPI Users' profile since 13 (RFC 9106's low-memory one), argon2-cffi's older
# default, OWASP's (our default) and two cheap odd ones.
ARGON2_CFFI_PARAMETERS = [(65536, 3, 4), (102400, 2, 8), (19456, 2, 1), (8192, 1, 2), (1024, 4, 3)]
ARGON2_CLI_PARAMETERS = [(65536, 3, 4), (4096, 2, 1), (2048, 3, 2)]


def argon2_cffi(password, memory, passes, lanes):
    hasher = argon2.PasswordHasher(time_cost=passes, memory_cost=memory, parallelism=lanes,
                                   hash_len=32, salt_len=16, type=argon2.Type.ID)
    return hasher.hash(password)


def argon2_cli(password, memory, passes, lanes):
    salt = secrets.token_hex(8)  # 16 ASCII characters: the tool takes the salt's bytes as given
    result = subprocess.run(
        ["argon2", salt, "-id", "-t", str(passes), "-k", str(memory), "-p", str(lanes), "-l", "32", "-e"],
        input=password.encode("utf-8"), capture_output=True, check=True)
    return result.stdout.decode("ascii").strip()


def vectors():
    for password in PASSWORDS:
        for memory, passes, lanes in ARGON2_CFFI_PARAMETERS:
            yield "argon2-cffi " + argon2.__version__, password, argon2_cffi(password, memory, passes, lanes)
        for memory, passes, lanes in ARGON2_CLI_PARAMETERS:
            yield "argon2 (reference implementation CLI)", password, argon2_cli(password, memory, passes, lanes)
        # pyca bcrypt 3.x truncates at 72 bytes as every bcrypt does; 5.x refuses longer passwords instead.
        for rounds in (4, 12):
            yield "bcrypt " + bcrypt.__version__, password, bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode("ascii")
        for ident in ("2a", "2y"):
            yield "passlib bcrypt", password, passlib_bcrypt.using(ident=ident, rounds=5).hash(password)


def main():
    rows = []
    for tool, password, hashed in vectors():
        check = argon2.PasswordHasher().verify if hashed.startswith("$argon2") else (
            lambda h, p: bcrypt.checkpw(p.encode("utf-8"), h.replace("$2y$", "$2b$", 1).encode("ascii")))
        assert check(hashed, password), (tool, hashed)
        rows.append({"tool": tool, "password": password, "hash": hashed})
        print(f"{tool}: {hashed[:32]}...", file=sys.stderr)
    json.dump({"made_by": os.path.basename(__file__), "vectors": rows}, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
