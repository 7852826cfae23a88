import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/core';
import { brief, lines, STRONG } from './helpers';

const S = 'mysite/settings.py';
const K = `'${STRONG}'`; // 52 columns with quotes

describe('hardcoded-secret-key: every binding form', () => {
  const cases: Array<[string, string, string[]]> = [
    ['plain single quotes', `SECRET_KEY = ${K}\n`, ['hardcoded-secret-key error 0:13-0:65']],
    ['double quotes', `SECRET_KEY = "${STRONG}"\n`, ['hardcoded-secret-key error 0:13-0:65']],
    ['raw prefix, upper case', `SECRET_KEY = R'${STRONG}'\n`, ['hardcoded-secret-key error 0:13-0:66']],
    ['bytes prefix rb', `SECRET_KEY = rB'${STRONG}'\n`, ['hardcoded-secret-key error 0:13-0:67']],
    ['unicode prefix', `SECRET_KEY = u'${STRONG}'\n`, ['hardcoded-secret-key error 0:13-0:66']],
    ['f-string without fields', `SECRET_KEY = f'${STRONG}'\n`, ['hardcoded-secret-key error 0:13-0:66']],
    ['triple quotes', `SECRET_KEY = '''${STRONG}'''\n`, ['hardcoded-secret-key error 0:13-0:69']],
    ['annotated', `SECRET_KEY: str = ${K}\n`, ['hardcoded-secret-key error 0:18-0:70']],
    ['chained', `A = SECRET_KEY = B = ${K}\n`, ['hardcoded-secret-key error 0:21-0:73']],
    ['tuple unpacking', `DEBUG, SECRET_KEY = False, ${K}\n`, ['hardcoded-secret-key error 0:27-0:79']],
    ['lower-case name', `secret_key = ${K}\n`, ['hardcoded-secret-key error 0:13-0:65']],
    ['attribute', `settings.SECRET_KEY = ${K}\n`, ['hardcoded-secret-key error 0:22-0:74']],
    ['subscript', `app.config['SECRET_KEY'] = ${K}\n`, ['hardcoded-secret-key error 0:27-0:79']],
    ['environ subscript', `os.environ["SECRET_KEY"] = ${K}\n`, ['hardcoded-secret-key error 0:27-0:79']],
    ['dict entry', `CONF = {'DEBUG': True, 'SECRET_KEY': ${K}}\n`, ['hardcoded-secret-key error 0:37-0:89']],
    ['call keyword', `settings.configure(DEBUG=True, SECRET_KEY=${K})\n`, ['hardcoded-secret-key error 0:42-0:94']],
    ['semicolon statements', `DEBUG = True; SECRET_KEY = ${K}\n`, ['hardcoded-secret-key error 0:27-0:79']],
    ['if DEBUG one-liner', `if DEBUG: SECRET_KEY = ${K}\n`, ['hardcoded-secret-key error 0:23-0:75']],
    [
      'if/else block',
      lines('if DEBUG:', `    SECRET_KEY = ${K}`, 'else:', "    SECRET_KEY = os.environ['SECRET_KEY']"),
      ['hardcoded-secret-key error 1:17-1:69'],
    ],
    [
      'class attribute (django-configurations)',
      lines('class Prod(Configuration):', '    DEBUG = False', `    SECRET_KEY = ${K}`),
      ['hardcoded-secret-key error 2:17-2:69'],
    ],
    [
      'implicit concatenation over lines in parentheses',
      lines('SECRET_KEY = (', `    '${STRONG.slice(0, 20)}'`, `    "${STRONG.slice(20)}"  # split`, ')'),
      ['hardcoded-secret-key error 1:4-2:36'],
    ],
    [
      'backslash continuation',
      lines('SECRET_KEY = \\', `    ${K}`),
      ['hardcoded-secret-key error 1:4-1:56'],
    ],
    [
      'startproject style with the insecure prefix',
      lines('# SECURITY WARNING: keep the secret key used in production secret!', `SECRET_KEY = 'django-insecure-${STRONG}'`),
      ['hardcoded-secret-key error 1:13-1:81 [django-insecure-prefix]'],
    ],
    ['explicit + concatenation', `SECRET_KEY = 'django-insecure-' + ${K}\n`, ['hardcoded-secret-key error 0:13-0:86 [django-insecure-prefix]']],
    ['weak: short and repetitive', "SECRET_KEY = 'aaaa'\n", ['hardcoded-secret-key error 0:13-0:19 [too-short,too-few-unique-characters]']],
    ['escapes count as one character', `SECRET_KEY = '${'\\x41'.repeat(50)}'\n`, ['hardcoded-secret-key error 0:13-0:215 [too-few-unique-characters]']],
  ];
  for (const [title, text, expected] of cases) {
    it(title, () => assert.deepEqual(brief(S, text), expected));
  }
});

describe('secret-key-env-default', () => {
  const cases: Array<[string, string, string[]]> = [
    ['os.environ.get', `SECRET_KEY = os.environ.get('SECRET_KEY', ${K})\n`, ['secret-key-env-default warning 0:42-0:94']],
    ['environ.get after from-import', `SECRET_KEY = environ.get('DJANGO_SECRET_KEY', ${K})\n`, ['secret-key-env-default warning 0:46-0:98']],
    ['os.getenv with keyword default', `SECRET_KEY = os.getenv('DJANGO_SECRET_KEY', default=${K})\n`, ['secret-key-env-default warning 0:52-0:104']],
    ['os.environ.setdefault (statement)', `os.environ.setdefault('DJANGO_SECRET_KEY', ${K})\n`, ['secret-key-env-default warning 0:43-0:95']],
    ['decouple config', `SECRET_KEY = config('SECRET_KEY', default=${K})\n`, ['secret-key-env-default warning 0:42-0:94']],
    [
      'django-environ instance with another name',
      lines('import environ', 'ENV = environ.Env(DEBUG=(bool, False))', `SECRET_KEY = ENV('DJANGO_SECRET_KEY', default=${K})`),
      ['secret-key-env-default warning 2:46-2:98'],
    ],
    ['django-environ env.str positional default', `SECRET_KEY = env.str('SECRET_KEY', ${K})\n`, ['secret-key-env-default warning 0:35-0:87']],
    ['or fallback', `SECRET_KEY = os.environ.get('SECRET_KEY') or ${K}\n`, ['secret-key-env-default warning 0:45-0:97']],
    [
      'conditional-expression fallback',
      `SECRET_KEY = os.environ['SECRET_KEY'] if 'SECRET_KEY' in os.environ else ${K}\n`,
      ['secret-key-env-default warning 0:73-0:125'],
    ],
    ['literal first, lookup second', `SECRET_KEY = ${K} if DEBUG else os.environ['SECRET_KEY']\n`, ['secret-key-env-default warning 0:13-0:65']],
    ['any variable name bound to SECRET_KEY', `SECRET_KEY = os.environ.get('KEY', ${K})\n`, ['secret-key-env-default warning 0:35-0:87']],
    ['a lookup outside any assignment', `run(os.getenv('APP_SECRET_KEY', ${K}))\n`, ['secret-key-env-default warning 0:32-0:84']],
    ['weak default', "SECRET_KEY = os.environ.get('SECRET_KEY', 'dev')\n", ['secret-key-env-default warning 0:42-0:47 [too-short,too-few-unique-characters]']],
  ];
  for (const [title, text, expected] of cases) {
    it(title, () => assert.deepEqual(brief(S, text), expected));
  }
});

describe('hardcoded-secret-key-fallbacks', () => {
  it('flags each literal entry, not lookups', () => {
    const text = lines('SECRET_KEY_FALLBACKS = [', `    ${K},`, "    os.environ['OLD_KEY'],", "    'old',", ']');
    assert.deepEqual(brief(S, text), [
      'hardcoded-secret-key-fallbacks error 1:4-1:56',
      'hardcoded-secret-key-fallbacks error 3:4-3:9 [too-short,too-few-unique-characters]',
    ]);
  });
  it('tuples and concatenated lists', () => {
    const text = `SECRET_KEY_FALLBACKS = (${K},) + ['x' 'y']\n`;
    assert.deepEqual(brief(S, text), [
      'hardcoded-secret-key-fallbacks error 0:24-0:76',
      'hardcoded-secret-key-fallbacks error 0:82-0:89 [too-short,too-few-unique-characters]',
    ]);
  });
});

describe('near misses stay silent', () => {
  const silent: Array<[string, string]> = [
    ['comment', `# SECRET_KEY = ${K}\n`],
    ['docstring', `"""\nSECRET_KEY = ${K}\n"""\n`],
    ['string statement', `'SECRET_KEY = ${STRONG}'\n`],
    ['f-string with a placeholder', `SECRET_KEY = f'{PREFIX}${STRONG}'\n`],
    ['read of settings.SECRET_KEY', `key = settings.SECRET_KEY\nprint(settings.SECRET_KEY)\n`],
    ['SECRET_KEY_FILE', "SECRET_KEY_FILE = '/run/secrets/django_key'\n"],
    ['comparison', `if SECRET_KEY == ${K}:\n    pass\n`],
    ['lookup without default', "SECRET_KEY = os.environ['SECRET_KEY']\n"],
    ['lookup with empty default', "SECRET_KEY = os.environ.get('SECRET_KEY', '')\n"],
    ['a default for another variable', "DEBUG = os.environ.get('DEBUG', 'False')\n"],
    ['django-configurations value', 'SECRET_KEY = values.SecretValue()\n'],
    ['a name that contains SECRET_KEY', `MY_SECRET_KEY_LENGTH = 50\nSECRET_KEY_PATH = '/etc/key'\n`],
    ['unterminated string', `SECRET_KEY = '${STRONG}\n`],
    ['a suppressed line (own marker)', `SECRET_KEY = ${K}  # django-secrets: ignore\n`],
    ['a suppressed line (rule list)', `SECRET_KEY = ${K}  # django-secrets: ignore[hardcoded-secret-key]\n`],
    ['noqa S105', `SECRET_KEY = ${K}  # noqa: S105\n`],
    ['noqa with several codes', `SECRET_KEY = ${K}  # noqa: E501,S105\n`],
    ['nosec', `SECRET_KEY = ${K}  # nosec B105\n`],
    ['detect-secrets pragma', `SECRET_KEY = ${K}  # pragma: allowlist secret\n`],
    ['marker on the name line of a multi-line value', `SECRET_KEY = (  # nosec\n    ${K}\n)\n`],
  ];
  for (const [title, text] of silent) {
    it(title, () => assert.deepEqual(brief(S, text), []));
  }
  it('a bare noqa does not suppress', () => {
    assert.deepEqual(brief(S, `SECRET_KEY = ${K}  # noqa\n`), ['hardcoded-secret-key error 0:13-0:65']);
  });
  it('a marker for another rule does not suppress', () => {
    assert.deepEqual(brief(S, `SECRET_KEY = ${K}  # django-secrets: ignore[weak-secret-key]\n`), [
      'hardcoded-secret-key error 0:13-0:65',
    ]);
  });
});

describe('hardcoded-secret-setting (milder, other secrets)', () => {
  it('flags other secret settings with information severity', () => {
    const text = lines(
      `JWT_SECRET_KEY = ${K}`,
      "EMAIL_HOST_PASSWORD = 'hunter2'",
      "DATABASES = {'default': {'PASSWORD': ''}}",
      "SIMPLE_JWT = {'SIGNING_KEY': 'abc'}",
    );
    assert.deepEqual(brief(S, text), [
      'hardcoded-secret-setting information 0:17-0:69',
      'hardcoded-secret-setting information 1:22-1:31',
      'hardcoded-secret-setting information 3:29-3:34',
    ]);
  });
});

describe('positions', () => {
  it('counts columns in UTF-16 code units after non-ASCII text', () => {
    // '𝒳' is one code point but two UTF-16 units; 'é' one unit.
    assert.deepEqual(brief(S, `T = '𝒳é'; SECRET_KEY = ${K}\n`), ['hardcoded-secret-key error 0:24-0:76']);
  });
  it('is the same for LF, CRLF and CR line breaks', () => {
    const body = ['import os', '', `SECRET_KEY = (${K}`, `    ${K})`];
    const expected = ['hardcoded-secret-key error 2:14-3:56'];
    for (const eol of ['\n', '\r\n', '\r']) assert.deepEqual(brief(S, body.join(eol) + eol), expected, JSON.stringify(eol));
  });
  it('does not count a leading BOM as a column', () => {
    assert.deepEqual(brief(S, `\uFEFFSECRET_KEY = ${K}\n`), ['hardcoded-secret-key error 0:13-0:65']);
  });
});

describe('messages', () => {
  const find = (text: string, path = S) => analyzeText(path, text);
  it('says what the key protects and names W009 weaknesses', () => {
    const [f] = find("SECRET_KEY = 'django-insecure-abc'\n");
    assert.equal(
      f.message,
      'SECRET_KEY is hardcoded in source code: anyone who can read this file can forge sessions, password-reset ' +
        'tokens, cookie-stored messages and anything signed with django.core.signing. Move it to an environment ' +
        "variable. Django's check security.W009 also calls it weak: it starts with 'django-insecure-' and it has " +
        'fewer than 50 characters.',
    );
    assert.equal(f.name, 'SECRET_KEY');
    assert.doesNotMatch(f.message, /password hash|CSRF/i);
  });
  it('names the looked-up variable for env defaults', () => {
    const [f] = find(`SECRET_KEY = os.getenv('DJANGO_SECRET_KEY', ${K})\n`);
    assert.equal(
      f.message,
      'The lookup of DJANGO_SECRET_KEY falls back to a hardcoded key: when the variable is missing, Django runs ' +
        'with a key anyone who can read this file knows, and can forge sessions, password-reset tokens, ' +
        'cookie-stored messages and anything signed with django.core.signing. Fail fast when it is missing instead.',
    );
  });
  it('uses W025 for fallbacks', () => {
    const [f] = find("SECRET_KEY_FALLBACKS = ['a']\n");
    assert.equal(
      f.message,
      'SECRET_KEY_FALLBACKS entry is hardcoded in source code: old keys still verify sessions, password-reset ' +
        'tokens, cookie-stored messages and signed data, so anyone who can read this file can forge them. Load ' +
        "fallbacks from the environment. Django's check security.W025 also calls it weak: it has fewer than 50 " +
        'characters and it has fewer than 5 unique characters.',
    );
  });
  it('never contains the key and carries a fingerprint', () => {
    const [f] = find(`SECRET_KEY = ${K}\n`);
    assert.ok(!f.message.includes(STRONG.slice(0, 8)));
    assert.match(f.fingerprint, /^sha256:[0-9a-f]{8}$/);
    const [g] = find(`SECRET_KEY = "${STRONG}"\n`);
    assert.equal(g.fingerprint, f.fingerprint, 'same value, same fingerprint');
  });
});

describe('unstable-secret-key', () => {
  const cases: Array<[string, string, string[]]> = [
    ['get_random_secret_key()', 'SECRET_KEY = get_random_secret_key()\n', ['unstable-secret-key warning 0:13-0:36']],
    ['module-qualified get_random_string', 'SECRET_KEY = crypto.get_random_string(50)\n', ['unstable-secret-key warning 0:13-0:41']],
    ['as an environment default', "SECRET_KEY = os.environ.get('SECRET_KEY', secrets.token_urlsafe(64))\n", ['unstable-secret-key warning 0:42-0:67']],
    ['after or', "SECRET_KEY = os.getenv('SECRET_KEY') or get_random_secret_key()\n", ['unstable-secret-key warning 0:40-0:63']],
    ['in a dev module: information', 'SECRET_KEY = get_random_secret_key()\n', ['unstable-secret-key information 0:13-0:36']],
  ];
  for (const [title, text, expected] of cases) {
    const path = title.includes('dev module') ? 'config/settings/local.py' : S;
    it(title, () => assert.deepEqual(brief(path, text), expected));
  }
  it('explains why it hurts', () => {
    const [f] = analyzeText(S, 'SECRET_KEY = get_random_secret_key()\n');
    assert.equal(
      f.message,
      'SECRET_KEY is generated when the settings are imported: every restart and every worker process gets a different ' +
        "key, so users are logged out and processes reject each other's sessions, password-reset links and signed data. " +
        'Generate one key and keep it in the environment.',
    );
    assert.deepEqual(f.weaknesses, []);
  });
  it('a generated key used elsewhere is not this rule', () => {
    assert.deepEqual(brief(S, 'TOKEN_SALT = get_random_string(12)\nprint(get_random_secret_key())\n'), []);
  });
});
