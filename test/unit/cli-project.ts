// The static fixture project under test/fixtures/cli/project and what a scan of it reports,
// written out by hand (not computed with the engine).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';

/** The static fixture project (tests run from out/test/unit). */
export const PROJECT = join(__dirname, '../../../test/fixtures/cli/project');

/** Every made-up secret in the fixture project; none may be printed. */
export const PROJECT_SECRETS = [
  'fx9-Qm2#Lw7@Tz4!Rb8$Kc1%Vn6^Hd3&Jp5*Gs0(Yt-Wq)Ue+Xa=Zo',
  'old-Pv4&Nx7*Br2!Gm9@Kq5#Wt8$Lz3%Hc6^Js1(Fy0)Dk-Ev+Ua=',
  // The .env key after its `django-insecure-` prefix, which messages rightly name.
  'r2#v8!k5@q1~w7%e4^t9&y3*u6(i0)o-p+a=s',
];
const SHORT_SECRETS = ['change-me', 'ключ-😀', 'mail-pass-1234'];

const PROTECTS = 'sessions, password-reset tokens, cookie-stored messages and anything signed with django.core.signing';

/** The JSON report for the fixture project, scanned from its root. */
export const PROJECT_FINDINGS = [
  {
    path: '.env',
    rule: 'insecure-secret-key',
    severity: 'warning',
    line: 3,
    column: 19,
    endLine: 3,
    endColumn: 72,
    message:
      "DJANGO_SECRET_KEY is an insecure development key (Django's check security.W009: it starts with " +
      `'django-insecure-'). Generate a new key for this environment: it protects ${PROTECTS}.`,
    weaknesses: ['django-insecure-prefix'],
  },
  {
    path: 'mysite/prod_settings.py',
    rule: 'secret-key-env-default',
    severity: 'error',
    line: 3,
    column: 50,
    endLine: 3,
    endColumn: 61,
    message:
      'The lookup of DJANGO_SECRET_KEY falls back to a hardcoded key: when the variable is missing, Django runs ' +
      `with a key anyone who can read this file knows, and can forge ${PROTECTS}. Fail fast when it is missing ` +
      "instead. Django's check security.W009 also calls it weak: it has fewer than 50 characters.",
    weaknesses: ['too-short'],
  },
  {
    path: 'mysite/settings.py',
    rule: 'hardcoded-secret-key',
    severity: 'error',
    line: 6,
    column: 14,
    endLine: 6,
    endColumn: 70,
    message: `SECRET_KEY is hardcoded in source code: anyone who can read this file can forge ${PROTECTS}. Move it to an environment variable.`,
    weaknesses: [],
  },
  {
    path: 'mysite/settings.py',
    rule: 'hardcoded-secret-key-fallbacks',
    severity: 'error',
    line: 8,
    column: 25,
    endLine: 8,
    endColumn: 34,
    message:
      'SECRET_KEY_FALLBACKS entry is hardcoded in source code: old keys still verify sessions, password-reset ' +
      'tokens, cookie-stored messages and signed data, so anyone who can read this file can forge them. Load ' +
      "fallbacks from the environment. Django's check security.W025 also calls it weak: it has fewer than 50 characters.",
    weaknesses: ['too-short'],
  },
  {
    // After "ключ-😀": the emoji is two UTF-16 code units, so this is column 36, not 35.
    path: 'mysite/settings.py',
    rule: 'hardcoded-secret-key-fallbacks',
    severity: 'error',
    line: 8,
    column: 36,
    endLine: 8,
    endColumn: 91,
    message:
      'SECRET_KEY_FALLBACKS entry is hardcoded in source code: old keys still verify sessions, password-reset ' +
      'tokens, cookie-stored messages and signed data, so anyone who can read this file can forge them. Load ' +
      'fallbacks from the environment.',
    weaknesses: [],
  },
  {
    path: 'mysite/settings.py',
    rule: 'hardcoded-secret-setting',
    severity: 'information',
    line: 11,
    column: 23,
    endLine: 11,
    endColumn: 39,
    message:
      'EMAIL_HOST_PASSWORD is a secret hardcoded in source code: anyone who can read this file can use it. ' +
      'Load it from the environment.',
    weaknesses: [],
  },
];

/** Fails if `output` holds any fixture secret, or any 8-character piece of a long one. */
export function assertNoSecrets(output: string): void {
  for (const secret of PROJECT_SECRETS) {
    for (let i = 0; i + 8 <= secret.length; i++) {
      assert.ok(!output.includes(secret.slice(i, i + 8)), `output contains ${JSON.stringify(secret.slice(i, i + 8))}`);
    }
  }
  for (const secret of SHORT_SECRETS) {
    assert.ok(!output.includes(secret), `output contains ${JSON.stringify(secret)}`);
  }
}
