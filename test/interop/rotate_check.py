"""Signs data with a Django project's current key, or checks it after a key rotation.

Run in the project folder (the one with manage.py), in a fresh process, with the Django under test
on PYTHONPATH; the settings module is $DJANGO_SETTINGS_MODULE (default mysite.settings).

    python3 rotate_check.py sign          writes JSON: {"django", "secret_key", "fallbacks",
                                          "token", "session", "reset"}
    python3 rotate_check.py check < JSON  reads sign's output, writes JSON: {"django", "secret_key",
                                          "fallbacks", "signed", "session", "logged_in", "reset"}

What is signed: `django.core.signing.dumps(...)` (a token), a logged-in session kept in a signed
cookie (the signed_cookies session engine: no database) holding the session auth hash that
`django.contrib.auth.get_user` verifies (with the fallbacks since Django 4.1.8), and a password-reset
token. The user is a fixed, unsaved User loaded by the backend below, so no database is needed.
`check` reports whether each one still verifies with the settings as they are now.

The output holds SECRET_KEY and SECRET_KEY_FALLBACKS: it is for the test process that compares
them, never for a log. Exit status 0 when the report was written.
"""

import json
import os
import sys
from types import SimpleNamespace

BACKEND = "rotate_check.FixedUserBackend"
USER = {"pk": 7, "username": "alice", "email": "alice@example.com",
        "password": "pbkdf2_sha256$600000$rotatecheck$Zm9yIHRlc3RzIG9ubHk="}
PAYLOAD = {"user": 7, "purpose": "rotation check"}


def fixed_user():
    from django.contrib.auth.models import User

    return User(**USER)


class FixedUserBackend:
    """An authentication backend that knows one user, without a database."""

    def get_user(self, user_id):
        return fixed_user() if user_id == USER["pk"] else None


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
    sys.path.insert(0, os.getcwd())
    import django
    from django.conf import settings

    django.setup()
    settings.AUTHENTICATION_BACKENDS = [BACKEND]
    return django, settings


def keys(django, settings):
    return {
        "django": django.get_version(),
        "secret_key": settings.SECRET_KEY,
        "fallbacks": list(getattr(settings, "SECRET_KEY_FALLBACKS", [])),
    }


def sign():
    django, settings = setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.tokens import default_token_generator
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    from django.core import signing

    user = fixed_user()
    session = SessionStore()
    # What django.contrib.auth.login() stores, without its last_login update (a database write).
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return {
        **keys(django, settings),
        "token": signing.dumps(PAYLOAD),
        "session": session.session_key,
        "reset": default_token_generator.make_token(user),
    }


def check(signed):
    django, settings = setup()
    from django.contrib.auth import SESSION_KEY, get_user
    from django.contrib.auth.tokens import default_token_generator
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    from django.core import signing

    try:
        token = "ok" if signing.loads(signed["token"]) == PAYLOAD else "other payload"
    except signing.BadSignature as exc:
        token = type(exc).__name__
    decoded = SESSION_KEY in SessionStore(session_key=signed["session"])
    request = SimpleNamespace(session=SessionStore(session_key=signed["session"]))
    return {
        **keys(django, settings),
        "signed": token,
        "session": decoded,
        "logged_in": bool(get_user(request).is_authenticated),
        "reset": default_token_generator.check_token(fixed_user(), signed["reset"]),
    }


def main():
    action = sys.argv[1] if len(sys.argv) == 2 else ""
    if action == "sign":
        report = sign()
    elif action == "check":
        report = check(json.load(sys.stdin))
    else:
        sys.stderr.write("usage: rotate_check.py sign | check < signed.json\n")
        return 2
    json.dump(report, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
