/**
 * The extension's settings (`djangoSecrets.*`): their types, their defaults (the only place they
 * are written down in code; a unit test holds package.json to them) and a validating reader.
 * Free of `vscode`: the editor face passes `workspace.getConfiguration(SETTINGS_SECTION, uri)`,
 * read afresh for each document or workspace folder, so every value honours its resource scope.
 */
import { DEFAULT_ENGINE_OPTIONS, EngineOptions, RULE_IDS, RuleId, SeveritySetting } from '../core';

export const SETTINGS_SECTION = 'djangoSecrets';

export type SeverityOverrides = Readonly<Partial<Record<RuleId, SeveritySetting>>>;

export interface Settings {
  /** Check documents as they are edited, and include them in workspace scans. */
  readonly enable: boolean;
  /** Per-rule severity; rules not listed keep the engine's default. */
  readonly severity: SeverityOverrides;
  /** Variable names in .env files that hold a Django key. */
  readonly envKeyNames: readonly string[];
  /** Globs (workspace-relative) of files to check. */
  readonly include: readonly string[];
  /** Globs (workspace-relative) of files never to check. */
  readonly exclude: readonly string[];
  /** Files larger than this many bytes are skipped; 0 means no limit. */
  readonly maxFileSize: number;
  /** Where "Move SECRET_KEY to .env" writes the key, relative to the folder of manage.py. */
  readonly envFile: string;
  /** The variable that holds the key, unless the project already uses another name. */
  readonly variableName: string;
  /** How many of the newest commits' files the secret-key-in-history check reads; 0 turns it off. */
  readonly historyDepth: number;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  severity: DEFAULT_ENGINE_OPTIONS.severity,
  envKeyNames: DEFAULT_ENGINE_OPTIONS.envKeyNames,
  include: ['**/*.py', '**/*.pyi', '**/.env', '**/.env.*', '**/*.env', '**/.envs/**'],
  exclude: [
    '**/node_modules/**',
    '**/.venv/**',
    '**/venv/**',
    '**/site-packages/**',
    '**/.tox/**',
    '**/.nox/**',
    '**/__pycache__/**',
  ],
  maxFileSize: 5 * 1024 * 1024,
  envFile: '.env',
  variableName: 'DJANGO_SECRET_KEY',
  historyDepth: 200,
};

/** The part of `vscode.WorkspaceConfiguration` the reader needs. */
export interface ConfigurationSource {
  get(key: string): unknown;
}

/** The values a rule's severity can be set to. */
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}

function isSeveritySetting(value: unknown): value is SeveritySetting {
  return SEVERITY_SETTINGS.some((setting) => setting === value);
}

function readBoolean(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function readStrings(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : fallback;
}

function readByteCount(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** A whole number from 0 to `max`. */
function readCount(value: unknown, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max ? value : fallback;
}

/**
 * A path inside the project, relative, with `/` separators (a leading `./` is dropped); an absolute
 * path, a `.` or `..` segment or an empty value falls back to the default.
 */
function readRelativePath(value: unknown, fallback: string): string {
  if (typeof value !== 'string') {
    return fallback;
  }
  const path = value.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const absolute = path.startsWith('/') || /^[A-Za-z]:/.test(path);
  const badSegment = path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..');
  return absolute || badSegment ? fallback : path;
}

/** A variable name every .env loader and shell accepts: letters, digits and `_`, not starting with a digit. */
function readVariableName(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? value : fallback;
}

/** Keeps the entries naming a known rule with a valid severity; drops the rest. */
function readSeverity(value: unknown): SeverityOverrides {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return DEFAULT_SETTINGS.severity;
  }
  const overrides: Partial<Record<RuleId, SeveritySetting>> = {};
  for (const [rule, severity] of Object.entries(value)) {
    if (isRuleId(rule) && isSeveritySetting(severity)) {
      overrides[rule] = severity;
    }
  }
  return overrides;
}

/** Reads every setting, falling back to its default when the value is missing or malformed. */
export function readSettings(config: ConfigurationSource): Settings {
  return {
    enable: readBoolean(config.get('enable'), DEFAULT_SETTINGS.enable),
    severity: readSeverity(config.get('severity')),
    envKeyNames: readStrings(config.get('envKeyNames'), DEFAULT_SETTINGS.envKeyNames),
    include: readStrings(config.get('include'), DEFAULT_SETTINGS.include),
    exclude: readStrings(config.get('exclude'), DEFAULT_SETTINGS.exclude),
    maxFileSize: readByteCount(config.get('maxFileSize'), DEFAULT_SETTINGS.maxFileSize),
    envFile: readRelativePath(config.get('envFile'), DEFAULT_SETTINGS.envFile),
    variableName: readVariableName(config.get('variableName'), DEFAULT_SETTINGS.variableName),
    historyDepth: readCount(config.get('historyDepth'), DEFAULT_SETTINGS.historyDepth, 100_000),
  };
}

export function toEngineOptions(settings: Settings): EngineOptions {
  return { envKeyNames: settings.envKeyNames, severity: settings.severity };
}

/** True when a file of `bytes` bytes is over the `maxFileSize` limit (0 means no limit). */
export function isOverSizeLimit(bytes: number, maxFileSize: number): boolean {
  return maxFileSize > 0 && bytes > maxFileSize;
}
