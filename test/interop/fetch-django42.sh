#!/usr/bin/env bash
# Fetches Debian bookworm-backports' python3-django (4.2.x, which has SECRET_KEY_FALLBACKS and checks
# them for sessions) WITHOUT installing it: apt downloads the .deb through a private source list and
# private package lists, and dpkg unpacks it into a cache folder. The system keeps its own Django
# (bookworm's 3.2, which other tests use); a test runs Django 4.2 with
#   PYTHONPATH=<cache>/usr/lib/python3/dist-packages /usr/bin/python3 ...
# Django 4.2 also needs asgiref >= 3.6 and sqlparse >= 0.3.1: bookworm's python3-asgiref (3.6.0)
# and python3-sqlparse (0.4.2), which come with python3-django, are used as they are.
#
# Run as root (apt needs it). Idempotent: does nothing when the cache is complete. Prints the cache
# folder. Cache: $DSH_CACHE_DIR, else $XDG_CACHE_HOME/django-secret-hygiene, else
# ~/.cache/django-secret-hygiene; the files go into its django-4.2 folder.
set -euo pipefail

cache_root=${DSH_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/django-secret-hygiene}
dest=$cache_root/django-4.2
marker=$dest/.complete
python=/usr/bin/python3

if [[ -f $marker ]]; then
  echo "$dest"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "fetch-django42: run as root (apt-get update and download need it); $dest is not there yet" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 0755 "$work"
mkdir -p "$work/lists/partial" "$work/debs" "$work/root"
# apt downloads as the unprivileged _apt user when it can write the target folder.
chown _apt "$work/debs" "$work/lists/partial" 2>/dev/null || true
echo 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-backports main' \
  >"$work/sources.list"
apt_options=(
  -o "Dir::Etc::sourcelist=$work/sources.list"
  -o Dir::Etc::sourceparts=/nonexistent
  -o "Dir::State::Lists=$work/lists"
  -o APT::Get::List-Cleanup=0
)

apt-get -q "${apt_options[@]}" update >&2
(cd "$work/debs" && apt-get -q "${apt_options[@]}" download python3-django/bookworm-backports >&2)
deb=$(ls "$work"/debs/python3-django_*.deb)
dpkg -x "$deb" "$work/root"

site=$work/root/usr/lib/python3/dist-packages
version=$(PYTHONPATH=$site PYTHONNOUSERSITE=1 "$python" -c '
import asgiref, sqlparse, django
if django.VERSION < (4, 1, 8):
    raise SystemExit("Django %s is older than 4.1.8" % django.get_version())
print(django.get_version())
') || {
  echo "fetch-django42: the unpacked Django does not start with $python (are python3-asgiref and python3-sqlparse installed?)" >&2
  exit 1
}

mkdir -p "$cache_root"
rm -rf "$dest"
mv "$work/root" "$dest"
echo "python3-django $version from $(basename "$deb")" >"$marker"
echo "$dest"
