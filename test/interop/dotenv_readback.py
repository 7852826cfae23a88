"""Reads .env files with the real loaders and reports which expected values they get wrong.

Input (JSON on stdin, or in the file named by the first argument):
    {"checks": [{"file": "/abs/path/.env", "name": "SECRET_KEY", "expected": "..."}, ...]}
Output (JSON on stdout):
    {"loaders": [...], "versions": {...}, "files": N, "checks": N,
     "mismatches": [{"check": index, "loader": "...", "problem": "missing" | "different" | "error: Type"}]}

Values are never printed, only the index of the check, so the output is safe in public logs.
Every loader starts from the same environment with the checked names unset: a variable already set
in the process environment would win over the file in load_dotenv, decouple and django-environ.
Exit status: 0 when the report was written (even with mismatches), 3 when a loader is missing.
"""

import json
import os
import re
import subprocess
import sys

PACKAGES = "python3-dotenv python3-decouple python3-django-environ python3-django"

try:
    from importlib.metadata import version

    import decouple
    import dotenv
    import environ
except ImportError as exc:
    sys.stderr.write(
        "dotenv_readback: cannot import %s with %s; install the Debian packages: apt-get install -y %s\n"
        % (exc.name, sys.executable, PACKAGES)
    )
    sys.exit(3)

SHELLS = ("bash", "dash")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def python_loaders(path, names, clean_env):
    """name -> value (None when missing) for each Python loader, or an exception."""
    results = {}
    results["python-dotenv dotenv_values"] = attempt(lambda: dict(dotenv.dotenv_values(path)), names)
    results["python-dotenv load_dotenv"] = attempt(lambda: load_into_environ(path, clean_env), names)
    results["python-decouple"] = attempt(lambda: decouple_values(path, names), names)
    results["django-environ"] = attempt(lambda: environ_values(path, names, clean_env), names)
    return results


def attempt(read, names):
    try:
        values = read()
        return {name: values.get(name) for name in names}
    except Exception as exc:  # a loader raising is a finding, not a crash
        return exc


def load_into_environ(path, clean_env):
    reset_environ(clean_env)
    dotenv.load_dotenv(path, override=True)
    values = dict(os.environ)
    reset_environ(clean_env)
    return values


def decouple_values(path, names):
    config = decouple.Config(decouple.RepositoryEnv(path))
    return {name: config(name, default=None) for name in names}


def environ_values(path, names, clean_env):
    reset_environ(clean_env)
    try:
        environ.Env.read_env(path)
        env = environ.Env()
        return {name: env(name, default=None) for name in names}
    finally:
        reset_environ(clean_env)


def reset_environ(clean_env):
    os.environ.clear()
    os.environ.update(clean_env)


# One shell reads every file in turn, as `set -a; . ./.env` would: the checked names are unset
# before each file, `command .` keeps a syntax error in one file from ending the shell, and for each
# checked name that is set it prints NAME=value NUL; an empty record ends the file. Names are checked
# against NAME before they reach eval.
SHELL_SCRIPT = r"""
__names=$1; shift
set -a
for __file in "$@"; do
  unset $__names
  command . "$__file"
  for __name in $__names; do
    eval "if [ -n \"\${$__name+x}\" ]; then printf '%s=%s\\0' $__name \"\$$__name\"; fi"
  done
  printf '\0'
done
"""


def shell_loader(shell, paths, names, env):
    """One shell process sources every file; returns a list of name -> value dicts, one per file."""
    proc = subprocess.run(
        [shell, "-c", SHELL_SCRIPT, shell, " ".join(names)] + paths,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    records, current = [], {}
    for item in proc.stdout.split(b"\0"):
        if item == b"":
            records.append(current)
            current = {}
        else:
            key, _, value = item.decode("utf-8", "surrogateescape").partition("=")
            current[key] = value
    return records[: len(paths)]


def compare(index, loader, got, expected):
    if isinstance(got, Exception):
        return {"check": index, "loader": loader, "problem": "error: " + type(got).__name__}
    if got is None:
        return {"check": index, "loader": loader, "problem": "missing"}
    if got != expected:
        return {"check": index, "loader": loader, "problem": "different"}
    return None


def main():
    source = open(sys.argv[1], encoding="utf-8") if len(sys.argv) > 1 else sys.stdin
    checks = json.load(source)["checks"]
    names = sorted({c["name"] for c in checks})
    if not all(NAME.match(n) for n in names):
        raise SystemExit("dotenv_readback: a checked name is not a portable variable name")
    for name in names:
        os.environ.pop(name, None)
    clean_env = dict(os.environ)
    paths = sorted({c["file"] for c in checks})
    shell_env = {k: v for k, v in clean_env.items() if k in ("LANG", "LC_ALL", "LC_CTYPE")}
    shell_env["PATH"] = "/usr/bin:/bin"
    results = {path: python_loaders(path, names, clean_env) for path in paths}
    for shell in SHELLS:
        for path, values in zip(paths, shell_loader(shell, paths, names, shell_env)):
            results[path][shell] = {name: values.get(name) for name in names}
    loaders = sorted(results[paths[0]]) if paths else []
    mismatches = []
    for index, check in enumerate(checks):
        for loader in loaders:
            got = results[check["file"]].get(loader, RuntimeError())
            if not isinstance(got, Exception):
                got = got.get(check["name"])
            problem = compare(index, loader, got, check["expected"])
            if problem:
                mismatches.append(problem)
    report = {
        "loaders": loaders,
        "versions": {p: version(p) for p in ("python-dotenv", "python-decouple", "django-environ", "Django")},
        "python": sys.version.split()[0],
        "files": len(paths),
        "checks": len(checks),
        "mismatches": mismatches,
    }
    json.dump(report, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
