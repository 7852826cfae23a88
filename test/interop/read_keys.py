"""Starts Django in many project folders, each in a fresh process, and reports what happened.

Input (JSON on stdin):
    {"jobs": [{"project": "/abs/folder/with/manage.py", "run": "settings" | "key" | "check" | "check-deploy",
               "env": {"NAME": "value", ...}}, ...]}
    settings      python3 -c: imports the settings module mysite.settings through django.conf (as
                  every Django start does, without loading the apps) and writes SECRET_KEY
    key           manage.py shell -c: the same after a full start (apps loaded)
    check         manage.py check
    check-deploy  manage.py check --deploy
Output (JSON on stdout, in job order):
    {"versions": {...}, "results": [{"code": N, "stdout": "...", "stderr": "..."}, ...]}

The output holds the keys Django read: it is meant for the test process that compares them, never
for a log. Each process starts from a minimal environment (PATH, LANG) plus the job's "env", so a
variable of the calling environment can't stand in for the one the project should read from .env.
Exit status: 0 when the report was written, 3 when Django or a loader can't be imported.
"""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

PACKAGES = "python3-django python3-dotenv python3-decouple python3-django-environ"
MODULES = {"django": "Django", "dotenv": "python-dotenv", "decouple": "python-decouple", "environ": "django-environ"}

READ_KEY = "from django.conf import settings; import sys; sys.stdout.write(settings.SECRET_KEY)"
SETTINGS_MODULE = "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings'); "
COMMANDS = {
    "settings": ["-c", SETTINGS_MODULE + READ_KEY],
    "key": ["manage.py", "shell", "-c", READ_KEY],
    "check": ["manage.py", "check"],
    "check-deploy": ["manage.py", "check", "--deploy"],
}
TIMEOUT_SECONDS = 120


def versions():
    """Distribution name -> version of Django and each loader; exits 3 when one is missing."""
    from importlib import import_module
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for module, dist in MODULES.items():
        try:
            import_module(module)
            found[dist] = version(dist)
        except (ImportError, PackageNotFoundError) as exc:
            sys.stderr.write(
                "read_keys: %s cannot use %s (%s); install the Debian packages: apt-get install -y %s\n"
                % (sys.executable, dist, type(exc).__name__, PACKAGES)
            )
            sys.exit(3)
    return found


def run(job):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.update(job.get("env", {}))
    argv = [sys.executable] + COMMANDS[job["run"]]
    try:
        done = subprocess.run(
            argv, cwd=job["project"], env=env, capture_output=True, text=True, timeout=TIMEOUT_SECONDS
        )
        return {"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr}
    except subprocess.TimeoutExpired:
        return {"code": -1, "stdout": "", "stderr": "timed out after %d s" % TIMEOUT_SECONDS}


def main():
    found = versions()
    jobs = json.load(sys.stdin)["jobs"]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        results = list(pool.map(run, jobs))
    json.dump({"versions": found, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
