"""Production settings: the base settings with what differs on the servers."""
import os

from .settings import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ['demo.example.com']

# "Read from the environment", but a forgotten variable silently falls back to this key.
SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'django-insecure-2i7p+lj_#_1xxc1nv+twh*0*gel%sejd(5#v5fqxgv#7tzr@gd')

EMAIL_HOST = 'smtp.example.com'
EMAIL_HOST_USER = 'demo'
EMAIL_HOST_PASSWORD = 'hunter2'
