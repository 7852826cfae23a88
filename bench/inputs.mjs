// Deterministic benchmark inputs: every generator takes a seed (or derives one from a label) and
// returns the same text for the same arguments, on every machine. Pure: no I/O, no clock, no
// Math.random. All output is ASCII, so a string's length is its size in bytes.

/** A small, fast, seedable PRNG (mulberry32). */
export function createRng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    /** An integer in [lo, hi]. */
    between: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    /** A standard normal variate (Box-Muller). */
    gaussian: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}

/** A seed derived from a base seed and a label (FNV-1a), so inputs do not share a stream. */
export function seedFor(base, label) {
  let h = (0x811c9dc5 ^ base) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The engine's prefilter, restated: text that matches may hold a finding and is fully analysed. */
export const PREFILTER_WORDS = /secret|password|_key|apikey|token/i;

const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)';
const NOUNS = [
  'order', 'invoice', 'customer', 'product', 'account', 'profile', 'report', 'shipment', 'payment',
  'article', 'comment', 'category', 'tag', 'event', 'ticket', 'project', 'task', 'team', 'member',
  'address', 'coupon', 'review', 'message', 'notification', 'subscription', 'plan', 'warehouse',
  'supplier', 'device', 'schedule', 'booking', 'document', 'refund', 'carrier', 'region',
];
const VERBS = [
  'get', 'create', 'update', 'delete', 'list', 'sync', 'export', 'import', 'validate', 'render',
  'build', 'compute', 'send', 'archive', 'publish', 'refresh', 'load', 'save', 'parse', 'format',
];
const ADJECTIVES = ['active', 'pending', 'recent', 'visible', 'default', 'primary', 'public', 'local', 'shared', 'total'];
const APPS = ['accounts', 'billing', 'catalog', 'orders', 'shipping', 'support', 'reports', 'search', 'inventory', 'notifications'];
const FIELD_TYPES = [
  (r) => `models.CharField(max_length=${r.pick([32, 64, 120, 255])}, blank=${r.pick(['True', 'False'])})`,
  () => 'models.IntegerField(default=0)',
  () => 'models.DateTimeField(auto_now_add=True)',
  (r) => `models.ForeignKey("${r.pick(APPS)}.${cap(r.pick(NOUNS))}", on_delete=models.CASCADE, related_name="${r.pick(NOUNS)}s")`,
  () => 'models.BooleanField(default=False)',
  () => 'models.DecimalField(max_digits=10, decimal_places=2)',
  () => 'models.TextField(blank=True)',
  () => 'models.JSONField(default=dict)',
  () => 'models.SlugField(unique=True)',
];

/** Lines that pass the prefilter in real code without being a finding. */
const MENTIONS = [
  (r) => `    token = request.headers.get("Authorization", "").removeprefix("Bearer ")  # ${r.pick(NOUNS)} API`,
  (r) => `    cache_key = f"${r.pick(NOUNS)}:{obj.pk}:{version}"`,
  () => '    if not user.check_password(raw_password):',
  () => '    # Never log the SECRET_KEY, a password or a session token.',
  () => '    password = form.cleaned_data["password"]',
  () => '    csrf_token = get_token(request)',
  (r) => `    signed = signing.dumps({"${r.pick(NOUNS)}": obj.pk}, key=settings.SECRET_KEY)`,
];

function shuffled(r, items) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function cap(word) {
  return word[0].toUpperCase() + word.slice(1);
}

function identifier(r) {
  return `${r.pick(VERBS)}_${r.pick(ADJECTIVES)}_${r.pick(NOUNS)}`;
}

/** A 50-character key from Django's alphabet: real-looking, passes Django's W009. */
export function randomKey(r) {
  let key = '';
  for (let i = 0; i < 50; i++) key += KEY_ALPHABET[r.int(KEY_ALPHABET.length)];
  return key;
}

// ---------------------------------------------------------------------------------------------
// Python blocks: each returns an array of lines (no line breaks inside).

function importBlock(r) {
  const lines = ['import logging', 'from datetime import timedelta', '', 'from django.db import models', 'from django.utils import timezone'];
  if (r.chance(0.5)) lines.push(`from ${r.pick(APPS)}.services import ${identifier(r)}`);
  lines.push('', 'logger = logging.getLogger(__name__)', '');
  return lines;
}

function constantBlock(r) {
  const name = `${r.pick(ADJECTIVES).toUpperCase()}_${r.pick(NOUNS).toUpperCase()}_STATES`;
  const items = Array.from({ length: r.between(3, 6) }, () => `"${r.pick(ADJECTIVES)}"`);
  return [`${name} = (${items.join(', ')})`, `PAGE_SIZE_${r.pick(NOUNS).toUpperCase()} = ${r.between(10, 200)}`, ''];
}

function modelBlock(r, mentions) {
  const noun = cap(r.pick(NOUNS));
  const lines = [`class ${noun}(models.Model):`, `    """A ${noun.toLowerCase()} as the ${r.pick(APPS)} app stores it."""`, ''];
  if (mentions && r.chance(0.5)) lines.push('    id = models.BigAutoField(primary_key=True)');
  for (let i = r.between(3, 8); i > 0; i--) lines.push(`    ${r.pick(NOUNS)}_${r.pick(['name', 'count', 'date', 'ref', 'state', 'note'])} = ${r.pick(FIELD_TYPES)(r)}`);
  lines.push('', '    class Meta:', `        ordering = ["-${r.pick(NOUNS)}_date"]`, `        verbose_name_plural = "${noun.toLowerCase()}s"`, '');
  lines.push('    def __str__(self):', `        return f"${noun} {self.pk}"`, '');
  return lines;
}

function functionBlock(r, mentions) {
  const name = identifier(r);
  const noun = r.pick(NOUNS);
  const lines = [
    `def ${name}(request, ${noun}_id, *, limit=${r.between(5, 100)}):`,
    `    """${cap(r.pick(VERBS))} the ${r.pick(ADJECTIVES)} ${noun}s of one ${r.pick(NOUNS)}."""`,
    `    queryset = ${cap(noun)}.objects.filter(pk=${noun}_id, state__in=("${r.pick(ADJECTIVES)}", "${r.pick(ADJECTIVES)}"))`,
  ];
  if (mentions) lines.push(r.pick(MENTIONS)(r));
  lines.push(
    '    results = []',
    `    for item in queryset.order_by("-created")[:limit]:`,
    `        if item.${r.pick(NOUNS)}_count > ${r.between(0, 50)} and not item.archived:`,
    `            results.append({"id": item.pk, "label": f"{item} ({item.${r.pick(NOUNS)}_state})", "total": item.amount * ${r.between(2, 9)}})`,
    '        else:',
    `            logger.debug("skipping %s for %s", item.pk, ${noun}_id)  # ${r.pick(VERBS)} later`,
    '    try:',
    `        summary = {key: len(value) for key, value in group_by(results, "label").items()}`,
    '    except (KeyError, ValueError) as error:',
    `        logger.warning("could not ${r.pick(VERBS)} %s: %s", ${noun}_id, error)`,
    '        summary = {}',
    `    return JsonResponse({"results": results, "summary": summary, "next": timezone.now() + timedelta(days=${r.between(1, 30)})})`,
    '',
  );
  return lines;
}

function viewBlock(r, mentions) {
  const noun = cap(r.pick(NOUNS));
  const lines = [
    `class ${noun}${r.pick(['List', 'Detail', 'Export', 'Sync'])}View(LoginRequiredMixin, View):`,
    `    template_name = "${r.pick(APPS)}/${noun.toLowerCase()}_${r.pick(['list', 'detail', 'form'])}.html"`,
    '',
    '    def get(self, request, *args, **kwargs):',
    `        context = {"${noun.toLowerCase()}s": ${noun}.objects.select_related("${r.pick(NOUNS)}")[:${r.between(10, 50)}]}`,
    '        return render(request, self.template_name, context)',
    '',
    '    def post(self, request, *args, **kwargs):',
    `        form = ${noun}Form(request.POST or None)`,
  ];
  if (mentions) lines.push('    ' + r.pick(MENTIONS)(r));
  lines.push(
    '        if not form.is_valid():',
    '            return render(request, self.template_name, {"form": form}, status=400)',
    `        ${noun.toLowerCase()} = form.save(commit=False)`,
    `        ${noun.toLowerCase()}.owner = request.user`,
    `        ${noun.toLowerCase()}.save()`,
    `        return redirect("${r.pick(APPS)}:${noun.toLowerCase()}-detail", pk=${noun.toLowerCase()}.pk)`,
    '',
  );
  return lines;
}

function testBlock(r) {
  const noun = cap(r.pick(NOUNS));
  return [
    `class ${noun}${cap(r.pick(VERBS))}Tests(TestCase):`,
    '    def setUp(self):',
    `        self.${noun.toLowerCase()} = ${noun}.objects.create(${r.pick(NOUNS)}_name="${r.pick(ADJECTIVES)}", ${r.pick(NOUNS)}_count=${r.between(1, 9)})`,
    '',
    `    def test_${r.pick(VERBS)}_${r.pick(ADJECTIVES)}(self):`,
    `        response = self.client.get(reverse("${r.pick(APPS)}:${noun.toLowerCase()}-list"))`,
    '        self.assertEqual(response.status_code, 200)',
    `        self.assertContains(response, "${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}")`,
    '',
  ];
}

function commentBlock(r) {
  const words = Array.from({ length: r.between(8, 14) }, () => r.pick([...NOUNS, ...VERBS, ...ADJECTIVES]));
  return [`# ${cap(words.slice(0, 7).join(' '))},`, `# ${words.slice(7).join(' ')}.`];
}

const BLOCKS = [constantBlock, modelBlock, functionBlock, functionBlock, viewBlock, testBlock, commentBlock];

/** One line of a plain assignment, used to fill a file up to an exact line count. */
function fillerLine(r) {
  return `${r.pick(ADJECTIVES).toUpperCase()}_${r.pick(NOUNS).toUpperCase()}_LIMIT = ${r.between(1, 9999)}`;
}

/** Blocks of Python until `lineCount` lines exactly (LF line breaks, one after every line). */
function pythonLines(r, lineCount, mentions, blocks = BLOCKS) {
  const lines = importBlock(r);
  for (;;) {
    const block = r.pick(blocks)(r, mentions);
    if (lines.length + block.length > lineCount) break;
    lines.push(...block);
  }
  while (lines.length < lineCount) lines.push(fillerLine(r));
  return lines.slice(0, lineCount);
}

/**
 * A Python module of exactly `lines` lines with no finding. With `mentions`, some lines use
 * the words SECRET, PASSWORD, TOKEN and `_key` the way real code does, so the whole file must
 * be analysed; without, none does and the prefilter skips the file.
 */
export function pythonModule(seed, { lines, mentions }) {
  const r = createRng(seed);
  const text = pythonLines(r, lines, mentions).join('\n') + '\n';
  if (!mentions && PREFILTER_WORDS.test(text)) throw new Error('generator bug: prefilter word in a module without mentions');
  return text;
}

// ---------------------------------------------------------------------------------------------
// Django settings.

function settingsHead(r, key) {
  const project = `${r.pick(NOUNS)}${r.pick(['site', 'hub', 'desk', 'works'])}`;
  const apps = shuffled(r, APPS).slice(0, r.between(4, 8));
  return [
    '"""',
    `Django settings for ${project} project.`,
    '',
    'Generated by \'django-admin startproject\' using Django 5.0.',
    '',
    'For more information on this file, see',
    'https://docs.djangoproject.com/en/5.0/topics/settings/',
    '"""',
    '',
    'import os',
    'from pathlib import Path',
    '',
    '# Build paths inside the project like this: BASE_DIR / \'subdir\'.',
    'BASE_DIR = Path(__file__).resolve().parent.parent',
    '',
    '',
    '# Quick-start development settings - unsuitable for production',
    '# See https://docs.djangoproject.com/en/5.0/howto/deployment/checklist/',
    '',
    '# SECURITY WARNING: keep the secret key used in production secret!',
    `SECRET_KEY = '${key}'`,
    '',
    '# SECURITY WARNING: don\'t run with debug turned on in production!',
    'DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"',
    '',
    `ALLOWED_HOSTS = ["${project}.example.com", "localhost", "127.0.0.1"]`,
    '',
    '',
    '# Application definition',
    '',
    'INSTALLED_APPS = [',
    '    "django.contrib.admin",',
    '    "django.contrib.auth",',
    '    "django.contrib.contenttypes",',
    '    "django.contrib.sessions",',
    '    "django.contrib.messages",',
    '    "django.contrib.staticfiles",',
    '    "rest_framework",',
    ...apps.map((a) => `    "${a}",`),
    ']',
    '',
    'MIDDLEWARE = [',
    '    "django.middleware.security.SecurityMiddleware",',
    '    "django.contrib.sessions.middleware.SessionMiddleware",',
    '    "django.middleware.common.CommonMiddleware",',
    '    "django.middleware.csrf.CsrfViewMiddleware",',
    '    "django.contrib.auth.middleware.AuthenticationMiddleware",',
    '    "django.contrib.messages.middleware.MessageMiddleware",',
    '    "django.middleware.clickjacking.XFrameOptionsMiddleware",',
    ']',
    '',
    `ROOT_URLCONF = "${project}.urls"`,
    '',
    'TEMPLATES = [',
    '    {',
    '        "BACKEND": "django.template.backends.django.DjangoTemplates",',
    '        "DIRS": [BASE_DIR / "templates"],',
    '        "APP_DIRS": True,',
    '        "OPTIONS": {',
    '            "context_processors": [',
    '                "django.template.context_processors.debug",',
    '                "django.template.context_processors.request",',
    '                "django.contrib.auth.context_processors.auth",',
    '                "django.contrib.messages.context_processors.messages",',
    '            ],',
    '        },',
    '    },',
    ']',
    '',
    `WSGI_APPLICATION = "${project}.wsgi.application"`,
    '',
    '',
    '# Database',
    '# https://docs.djangoproject.com/en/5.0/ref/settings/#databases',
    '',
    'DATABASES = {',
    '    "default": {',
    '        "ENGINE": "django.db.backends.postgresql",',
    `        "NAME": os.environ.get("DB_NAME", "${project}"),`,
    `        "USER": os.environ.get("DB_USER", "${project}"),`,
    '        "PASSWORD": os.environ["DB_PASSWORD"],',
    '        "HOST": os.environ.get("DB_HOST", "localhost"),',
    '        "PORT": int(os.environ.get("DB_PORT", "5432")),',
    `        "CONN_MAX_AGE": ${r.between(0, 600)},`,
    '    }',
    '}',
    '',
    '',
    '# Password validation',
    '# https://docs.djangoproject.com/en/5.0/ref/settings/#auth-password-validators',
    '',
    'AUTH_PASSWORD_VALIDATORS = [',
    '    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},',
    `    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": ${r.between(8, 14)}}},`,
    '    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},',
    '    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},',
    ']',
    '',
    '',
    '# Internationalization',
    '# https://docs.djangoproject.com/en/5.0/topics/i18n/',
    '',
    `LANGUAGE_CODE = "${r.pick(['en-us', 'en-gb', 'de-de', 'fr-fr'])}"`,
    `TIME_ZONE = "${r.pick(['UTC', 'Europe/Berlin', 'America/New_York'])}"`,
    'USE_I18N = True',
    'USE_TZ = True',
    '',
    '',
    '# Static files (CSS, JavaScript, Images)',
    '# https://docs.djangoproject.com/en/5.0/howto/static-files/',
    '',
    'STATIC_URL = "static/"',
    'STATIC_ROOT = BASE_DIR / "staticfiles"',
    'MEDIA_URL = "media/"',
    'MEDIA_ROOT = BASE_DIR / "media"',
    '',
    'DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"',
    '',
    'EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"',
    'EMAIL_HOST = os.environ.get("EMAIL_HOST", "smtp.example.com")',
    'EMAIL_PORT = 587',
    'EMAIL_USE_TLS = True',
    'EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")',
    'EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD")',
    '',
    'SESSION_COOKIE_SECURE = not DEBUG',
    'CSRF_COOKIE_SECURE = not DEBUG',
    `SECURE_HSTS_SECONDS = ${r.pick([0, 3600, 31536000])}`,
    '',
    'CACHES = {',
    '    "default": {',
    '        "BACKEND": "django.core.cache.backends.redis.RedisCache",',
    '        "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1"),',
    `        "TIMEOUT": ${r.between(60, 3600)},`,
    '    }',
    '}',
    '',
    'REST_FRAMEWORK = {',
    '    "DEFAULT_AUTHENTICATION_CLASSES": [',
    '        "rest_framework.authentication.SessionAuthentication",',
    '        "rest_framework.authentication.TokenAuthentication",',
    '    ],',
    `    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",`,
    `    "PAGE_SIZE": ${r.between(10, 100)},`,
    '}',
    '',
    'LOGGING = {',
    '    "version": 1,',
    '    "disable_existing_loggers": False,',
    '    "formatters": {"plain": {"format": "{levelname} {asctime} {name} {message}", "style": "{"}},',
    '    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},',
    '    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},',
    '    "loggers": {',
    '        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},',
    '    },',
    '}',
    '',
  ];
}

/** Settings-style blocks for long settings modules: more configuration, no hardcoded secret. */
function settingsBlock(r) {
  const upper = () => `${r.pick(ADJECTIVES).toUpperCase()}_${r.pick(NOUNS).toUpperCase()}`;
  const kind = r.int(5);
  if (kind === 0) {
    const service = r.pick(NOUNS).toUpperCase();
    return [
      `# ${cap(r.pick(NOUNS))} service`,
      `${service}_API_URL = os.environ.get("${service}_API_URL", "https://${r.pick(NOUNS)}.example.com/v${r.between(1, 3)}")`,
      `${service}_API_KEY = os.environ["${service}_API_KEY"]`,
      `${service}_TIMEOUT = float(os.environ.get("${service}_TIMEOUT", "${r.between(1, 30)}.0"))`,
      '',
    ];
  }
  if (kind === 1) {
    const name = upper();
    return [
      `${name} = {`,
      ...Array.from({ length: r.between(3, 8) }, () => `    "${r.pick(NOUNS)}_${r.pick(VERBS)}": {"enabled": ${r.pick(['True', 'False'])}, "limit": ${r.between(1, 500)}, "queue": "${r.pick(APPS)}"},`),
      '}',
      '',
    ];
  }
  if (kind === 2) {
    return [`FEATURE_${upper()} = os.environ.get("FEATURE_${upper()}", "0") == "1"`, `${upper()}_RETRIES = ${r.between(0, 10)}`];
  }
  if (kind === 3) {
    return [
      `if os.environ.get("${r.pick(APPS).toUpperCase()}_ENABLED"):`,
      `    INSTALLED_APPS.append("${r.pick(APPS)}.${r.pick(NOUNS)}s")`,
      `    MIDDLEWARE.insert(${r.between(0, 5)}, "${r.pick(APPS)}.middleware.${cap(r.pick(NOUNS))}Middleware")`,
      '',
    ];
  }
  return [`LOGGING["loggers"]["${r.pick(APPS)}.${r.pick(NOUNS)}"] = {"handlers": ["console"], "level": "${r.pick(['DEBUG', 'INFO', 'WARNING'])}", "propagate": False}`];
}

/**
 * A Django settings module of exactly `lines` lines with one hardcoded SECRET_KEY (a
 * real-looking 50-character key), database and mail passwords read from the environment,
 * and, when long, many more configuration blocks.
 */
export function settingsModule(seed, { lines = 200 } = {}) {
  const r = createRng(seed);
  const out = settingsHead(r, randomKey(r));
  for (;;) {
    const block = settingsBlock(r);
    if (out.length + block.length > lines) break;
    out.push(...block);
  }
  while (out.length < lines) out.push(`${r.pick(ADJECTIVES).toUpperCase()}_${r.pick(NOUNS).toUpperCase()}_TTL = ${r.between(1, 86400)}`);
  return out.slice(0, lines).join('\n') + '\n';
}

/** `text` with one character changed at its middle (a digit or letter replaced by another). */
export function oneCharacterEdit(text) {
  for (let i = text.length >> 1; i < text.length; i++) {
    const c = text[i];
    if (/[0-9]/.test(c)) return text.slice(0, i) + String((Number(c) + 1) % 10) + text.slice(i + 1);
    if (/[a-y]/.test(c)) return text.slice(0, i) + String.fromCharCode(c.charCodeAt(0) + 1) + text.slice(i + 1);
  }
  throw new Error('no character to edit');
}

/** Settings text repeated (with different seeds) up to exactly `bytes` characters. */
export function repeatedSettings(seed, bytes) {
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += settingsModule(seedFor(seed, `repeat-${i}`));
  return text.slice(0, bytes);
}

// ---------------------------------------------------------------------------------------------
// A minified-looking single line.

/**
 * One line of exactly `bytes` characters: generated data module style (`ROUTES=[{...},...];...`)
 * with no whitespace, mentioning `token` in keys so the prefilter lets it through, no finding.
 */
export function minifiedLine(seed, bytes) {
  const r = createRng(seed);
  const parts = [];
  let length = 0;
  const target = bytes - 32;
  for (let i = 0; length < target; i++) {
    const entries = Array.from({ length: r.between(3, 8) }, () => {
      const v = r.int(4);
      const value = v === 0 ? String(r.between(0, 99999)) : v === 1 ? `"${r.pick(NOUNS)}/${r.pick(VERBS)}"` : v === 2 ? r.pick(['None', 'True', 'False']) : `[${r.between(0, 9)},${r.between(0, 9)},"${r.pick(ADJECTIVES)}"]`;
      return `"${r.pick(NOUNS)}_${r.pick(['id', 'path', 'token', 'flags', 'ttl'])}":${value}`;
    });
    const part = `D${i}={${entries.join(',')}};`;
    parts.push(part);
    length += part.length;
  }
  const line = parts.join('').slice(0, target);
  return padLine(line.slice(0, line.lastIndexOf(';') + 1), bytes);
}

/** `line` padded with a trailing comment to exactly `bytes` characters, ending with a line break. */
function padLine(line, bytes) {
  const room = bytes - line.length - 1;
  if (room < 0) return line.slice(0, bytes);
  return line + (room > 0 ? '#' + 'x'.repeat(room - 1) : '') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Inputs for "how cost grows". Python ones start with `SECRET_KEY = `, dotenv ones with a
// SECRET_KEY line, so the prefilter lets them through and the engine reads all of them.

const PY_PREFIX = 'SECRET_KEY = ';

function repeatTo(prefix, unit, bytes, suffix = '') {
  const body = unit.repeat(Math.ceil(Math.max(0, bytes - prefix.length - suffix.length) / unit.length));
  return (prefix + body).slice(0, bytes - suffix.length) + suffix;
}

/**
 * Each entry: a label, the file path the engine sees, a generator of exactly `bytes` characters and,
 * for some, the 1x size (the default is 128 KiB, so that 8x is 1 MiB).
 */
export const SCALING_INPUTS = [
  { id: 'settings', label: 'realistic settings.py, repeated', path: 'config/settings.py', make: (bytes) => repeatedSettings(seedFor(1, 'scaling'), bytes) },
  { id: 'quotes', label: "quotes ' (one line)", path: 'evil.py', make: (bytes) => repeatTo(PY_PREFIX, "'", bytes) },
  { id: 'backslashes', label: 'backslashes \\ (one line)', path: 'evil.py', make: (bytes) => repeatTo(PY_PREFIX, '\\', bytes) },
  { id: 'open-parens', label: 'open brackets ( (one line)', path: 'evil.py', make: (bytes) => repeatTo(PY_PREFIX, '(', bytes) },
  { id: 'triple-quotes', label: 'triple quotes """ (one line)', path: 'evil.py', make: (bytes) => repeatTo(PY_PREFIX, '"""', bytes) },
  { id: 'concat-chain', label: "'a' + 'a' + ... (one line)", path: 'evil.py', make: (bytes) => repeatTo(PY_PREFIX, "'a' + ", bytes - 3, '') + "'a'" },
  { id: 'nested', label: 'nested brackets [[[...]]]', path: 'evil.py', make: (bytes) => nested(bytes, '[', ']') },
  { id: 'mismatched', label: 'mismatched brackets [[[...)))', path: 'evil.py', make: (bytes) => nested(bytes, '[', ')') },
  { id: 'fstring', label: "unterminated f-string f'{aaa...", path: 'evil.py', make: (bytes) => repeatTo(PY_PREFIX + "f'{", 'a', bytes) },
  { id: 'short-lines', label: 'short lines x = 1 (many lines)', path: 'evil.py', make: (bytes) => repeatTo(PY_PREFIX + "'k'\n", 'x = 1\n', bytes) },
  { id: 'dotenv-plain', label: '.env lines without # (many lines)', path: '.env', make: (bytes) => repeatTo('SECRET_KEY=abc\n', 'FEATURE_FLAG=enabled1\n', bytes) },
  {
    id: 'dotenv-plain-large',
    label: '.env lines without #, up to 4 MiB (under the 5 MiB file size limit)',
    path: '.env',
    base: 512 * 1024,
    make: (bytes) => repeatTo('SECRET_KEY=abc\n', 'FEATURE_FLAG=enabled1\n', bytes),
  },
  { id: 'dotenv-open-quote', label: '.env lines with an open " (many lines)', path: '.env', make: (bytes) => repeatTo('SECRET_KEY=abc\n', 'FEATURE_FLAG="enabled\n', bytes) },
];

function nested(bytes, open, close) {
  const depth = Math.floor((bytes - PY_PREFIX.length) / 2);
  const text = PY_PREFIX + open.repeat(depth) + close.repeat(depth);
  return text + ' '.repeat(bytes - text.length);
}

// ---------------------------------------------------------------------------------------------
// A workspace tree.

const FILE_ROLES = [
  { name: 'models.py', weight: 3, blocks: [modelBlock, modelBlock, constantBlock, commentBlock] },
  { name: 'views.py', weight: 3, blocks: [viewBlock, functionBlock, commentBlock] },
  { name: 'services.py', weight: 2, blocks: [functionBlock, constantBlock, commentBlock] },
  { name: 'tests.py', weight: 2, blocks: [testBlock, testBlock, functionBlock] },
  { name: 'utils.py', weight: 1, blocks: BLOCKS },
  { name: 'admin.py', weight: 1, blocks: [functionBlock, commentBlock] },
];
const ROLE_BAG = FILE_ROLES.flatMap((role) => Array(role.weight).fill(role));

/**
 * The plan of a workspace: `files` Python files (`pkgNN/appNN/name.py`, each package with a
 * settings.py) of `totalBytes` bytes together, sizes spread like a real code base (many small
 * files, a few large ones). The first `secrets` settings files hold a hardcoded SECRET_KEY; the
 * others read it from the environment. `mentionShare` of the other files use prefilter words.
 * Returns entries { path, bytes, role, seed, secret, mentions }; render each with `renderFile`.
 */
export function workspacePlan(seed, { files, totalBytes, secrets, mentionShare = 0.3 }) {
  const r = createRng(seed);
  const packages = Math.max(1, secrets, Math.round(files / 200));
  const entries = [];
  for (let i = 0; i < files; i++) {
    const pkg = `pkg${String(i % packages).padStart(2, '0')}`;
    const index = Math.floor(i / packages);
    if (index === 0) {
      entries.push({ path: `${pkg}/settings.py`, role: 'settings', secret: i < secrets, mentions: true });
    } else {
      const role = r.pick(ROLE_BAG);
      const app = `app${String(Math.floor(index / 8)).padStart(2, '0')}`;
      entries.push({ path: `${pkg}/${app}/m${index % 8}_${role.name}`, role: role.name, secret: false, mentions: r.chance(mentionShare) });
    }
  }
  // Every file gets a floor (settings a whole settings module), then a log-normal share of the rest.
  const floors = entries.map((e) => (e.role === 'settings' ? SETTINGS_MIN_BYTES : FILE_MIN_BYTES));
  const weights = entries.map((e) => (e.role === 'settings' ? 1 : Math.exp(0.9 * r.gaussian())));
  const rest = totalBytes - floors.reduce((a, b) => a + b, 0);
  if (rest < 0) throw new Error(`${totalBytes} bytes is too small for ${files} files`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w, i) => floors[i] + Math.floor((w / sum) * rest));
  sizes[sizes.length - 1] += totalBytes - sizes.reduce((a, b) => a + b, 0);
  return entries.map((e, i) => ({ ...e, bytes: sizes[i], seed: seedFor(seed, e.path) }));
}

const SETTINGS_MIN_BYTES = 9000;
const FILE_MIN_BYTES = 400;

/** The text of one planned file: exactly `entry.bytes` characters. */
export function renderFile(entry) {
  const r = createRng(entry.seed);
  if (entry.role === 'settings') {
    return fitBytes(r, settingsHeadFor(r, entry), entry.bytes, (rr) => settingsBlock(rr));
  }
  const role = FILE_ROLES.find((x) => x.name === entry.role);
  return fitBytes(r, importBlock(r), entry.bytes, (rr) => rr.pick(role.blocks)(rr, entry.mentions));
}

function settingsHeadFor(r, entry) {
  const lines = settingsHead(r, randomKey(r));
  if (!entry.secret) {
    const at = lines.findIndex((l) => l.startsWith('SECRET_KEY = '));
    lines[at] = 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]';
  }
  return lines;
}

/** Whole blocks while they fit, then comment lines padding to exactly `bytes` characters. */
function fitBytes(r, head, bytes, block) {
  let text = head.join('\n') + '\n';
  if (text.length > bytes) return padLine(text.slice(0, bytes - 1).replace(/[^\n]*$/, ''), bytes);
  for (;;) {
    const next = block(r).join('\n') + '\n';
    if (text.length + next.length > bytes) break;
    text += next;
  }
  return text + paddingLines(r, bytes - text.length);
}

/** Comment lines (at most 72 characters each, line break included) of exactly `room` characters. */
function paddingLines(r, room) {
  let out = '';
  for (let left = room; left > 0; ) {
    const length = left <= 72 ? left : 60;
    let words = '';
    while (words.length < length) words += ' ' + r.pick([...NOUNS, ...VERBS, ...ADJECTIVES]);
    out += length === 1 ? '\n' : ('#' + words).slice(0, length - 1) + '\n';
    left -= length;
  }
  return out;
}
