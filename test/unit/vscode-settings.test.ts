import * as assert from 'node:assert/strict';
import { DEFAULT_ENGINE_OPTIONS } from '../../src/core';
import { formatScanSummary } from '../../src/vscode/scanSummary';
import { DEFAULT_SETTINGS, isOverSizeLimit, readSettings, toEngineOptions } from '../../src/vscode/settings';

function source(values: Record<string, unknown>): { get(key: string): unknown } {
  return { get: (key) => values[key] };
}

describe('vscode settings', () => {
  it('falls back to every default when nothing is set', () => {
    assert.deepEqual(readSettings(source({})), DEFAULT_SETTINGS);
  });

  it('uses the engine defaults for the options the engine takes', () => {
    assert.deepEqual(toEngineOptions(DEFAULT_SETTINGS), DEFAULT_ENGINE_OPTIONS);
  });

  it('reads valid values as they are', () => {
    const values = {
      enable: false,
      severity: { 'weak-secret-key': 'off', 'hardcoded-secret-key': 'warning' },
      envKeyNames: ['APP_KEY'],
      include: ['src/**/*.py'],
      exclude: [],
      maxFileSize: 0,
      envFile: 'config/.env',
      variableName: 'APP_SECRET_KEY',
      historyDepth: 0,
    };
    assert.deepEqual(readSettings(source(values)), values);
  });

  it('replaces malformed values with defaults', () => {
    const settings = readSettings(
      source({
        enable: 'yes',
        severity: ['error'],
        envKeyNames: 'SECRET_KEY',
        include: ['**/*.py', 3],
        exclude: null,
        maxFileSize: -1,
        envFile: '../.env',
        variableName: 'SECRET-KEY',
        historyDepth: 1.5,
      }),
    );
    assert.deepEqual(settings, DEFAULT_SETTINGS);
  });

  it('keeps only known rules with valid severities', () => {
    const settings = readSettings(
      source({ severity: { 'weak-secret-key': 'hint', 'no-such-rule': 'error', 'insecure-secret-key': 'fatal' } }),
    );
    assert.deepEqual(settings.severity, { 'weak-secret-key': 'hint' });
  });

  it('passes envKeyNames and severity to the engine', () => {
    const settings = readSettings(source({ envKeyNames: ['APP_KEY'], severity: { 'weak-secret-key': 'off' } }));
    assert.deepEqual(toEngineOptions(settings), { envKeyNames: ['APP_KEY'], severity: { 'weak-secret-key': 'off' } });
  });

  it('applies maxFileSize as an inclusive limit, with 0 meaning none', () => {
    assert.equal(isOverSizeLimit(100, 100), false);
    assert.equal(isOverSizeLimit(101, 100), true);
    assert.equal(isOverSizeLimit(10_000_000_000, 0), false);
    assert.equal(isOverSizeLimit(DEFAULT_SETTINGS.maxFileSize + 1, DEFAULT_SETTINGS.maxFileSize), true);
  });
});

describe('vscode scan summary', () => {
  it('counts files and findings', () => {
    const summary = { total: 12, scanned: 12, findings: 3, filesWithFindings: 2, cancelled: false };
    assert.equal(formatScanSummary(summary), 'Scanned 12 files: 3 findings in 2 files.');
  });

  it('uses the singular for one', () => {
    const summary = { total: 1, scanned: 1, findings: 1, filesWithFindings: 1, cancelled: false };
    assert.equal(formatScanSummary(summary), 'Scanned 1 file: 1 finding in 1 file.');
  });

  it('says how far a cancelled scan got', () => {
    const summary = { total: 340, scanned: 16, findings: 0, filesWithFindings: 0, cancelled: true };
    assert.equal(formatScanSummary(summary), 'Scan cancelled after 16 of 340 files: 0 findings in 0 files.');
  });
});
