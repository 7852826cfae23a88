/**
 * Default severities. A hardcoded, real-looking key in a production-looking (or ordinary)
 * settings module is an error; in a development or test module it is a warning, and a
 * key that is plainly a placeholder there (Django itself calls it weak) is information.
 */
import { EngineOptions, ModuleKind, RuleId, Severity, SeveritySetting, Weakness } from './types';

const PRODUCTION_WORDS = new Set(['prod', 'production', 'live', 'staging', 'stage', 'deploy', 'deployment']);
const DEVELOPMENT_WORDS = new Set(['dev', 'develop', 'development', 'local', 'debug', 'example', 'sample']);
const TEST_WORDS = new Set(['test', 'tests', 'testing', 'ci', 'pytest', 'conftest']);

/** Classifies a settings module or env file by the words of its name, then of its folder. */
export function moduleKindOf(path: string): ModuleKind {
  const segments = path.split(/[\\/]+/).filter((s) => s.length > 0);
  const base = (segments[segments.length - 1] ?? '').replace(/\.pyi?$/i, '');
  return kindOfWords(wordsOf(base)) ?? kindOfWords(wordsOf(segments[segments.length - 2] ?? '')) ?? 'unknown';
}

function wordsOf(name: string): string[] {
  return name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

function kindOfWords(words: string[]): ModuleKind | undefined {
  if (words.some((w) => PRODUCTION_WORDS.has(w))) return 'production';
  if (words.some((w) => TEST_WORDS.has(w))) return 'test';
  if (words.some((w) => DEVELOPMENT_WORDS.has(w))) return 'development';
  return undefined;
}

type Table = Record<ModuleKind, Severity>;
const KEY_IN_CODE: Table = { production: 'error', unknown: 'error', development: 'warning', test: 'warning' };
const ENV_DEFAULT: Table = { production: 'error', unknown: 'warning', development: 'information', test: 'information' };
const ENV_FILE_KEY: Table = { production: 'error', unknown: 'warning', development: 'information', test: 'information' };
const OTHER_SECRET: Table = { production: 'warning', unknown: 'information', development: 'information', test: 'information' };
const ALWAYS_ERROR: Table = { production: 'error', unknown: 'error', development: 'error', test: 'error' };
const ALWAYS_WARNING: Table = { production: 'warning', unknown: 'warning', development: 'warning', test: 'warning' };
/** shared-secret-key: an error when a production file holds the shared key (judged over the group). */
const SHARED_KEY: Table = { production: 'error', unknown: 'warning', development: 'warning', test: 'warning' };

const DEFAULTS: Record<RuleId, Table> = {
  'hardcoded-secret-key': KEY_IN_CODE,
  'hardcoded-secret-key-fallbacks': KEY_IN_CODE,
  'secret-key-env-default': ENV_DEFAULT,
  'insecure-secret-key': ENV_FILE_KEY,
  'weak-secret-key': ENV_FILE_KEY,
  'hardcoded-secret-setting': OTHER_SECRET,
  'unstable-secret-key': ENV_DEFAULT,
  'env-file-not-ignored': ALWAYS_WARNING,
  'env-file-tracked': ALWAYS_ERROR,
  'secret-key-in-history': ALWAYS_ERROR,
  'shared-secret-key': SHARED_KEY,
};

export function defaultSeverity(rule: RuleId, kind: ModuleKind, weaknesses: readonly Weakness[]): Severity {
  const severity = DEFAULTS[rule][kind];
  const placeholderInDevModule =
    (kind === 'development' || kind === 'test') && weaknesses.length > 0 && DEFAULTS[rule] === KEY_IN_CODE;
  return placeholderInDevModule ? 'information' : severity;
}

/** The configured severity for a finding, or `off`. */
export function resolveSeverity(
  options: EngineOptions,
  rule: RuleId,
  kind: ModuleKind,
  weaknesses: readonly Weakness[],
): SeveritySetting {
  return options.severity[rule] ?? defaultSeverity(rule, kind, weaknesses);
}
