import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS } from '../../src/core';
import { COMMANDS } from '../../src/vscode/commands';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, SEVERITY_SETTINGS } from '../../src/vscode/settings';

interface ConfigurationProperty {
  readonly default: unknown;
  readonly scope?: string;
  readonly markdownDescription?: string;
  readonly description?: string;
  readonly properties?: Record<string, { readonly enum?: readonly string[] }>;
  readonly additionalProperties?: boolean;
}

interface Manifest {
  readonly contributes: {
    readonly commands: readonly { readonly command: string; readonly title: string; readonly category: string }[];
    readonly menus: { readonly commandPalette: readonly { readonly command: string }[] };
    readonly configuration: { readonly properties: Record<string, ConfigurationProperty> };
  };
}

// Compiled to out/test/unit/, three levels below the package root.
const ROOT = join(__dirname, '..', '..', '..');
const manifestText = readFileSync(join(ROOT, 'package.json'), 'utf8');
const manifest: Manifest = JSON.parse(manifestText);
const properties = manifest.contributes.configuration.properties;
/** The user-facing strings, localisable: package.json names them as `%key%`. */
const strings: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8'));

function localised(text: string | undefined): string {
  const m = /^%(.+)%$/.exec(text ?? '');
  return m ? (strings[m[1]] ?? '') : (text ?? '');
}

describe('package.json contributes', () => {
  it('declares exactly the settings of DEFAULT_SETTINGS, with the same defaults', () => {
    const fromManifest = Object.fromEntries(
      Object.entries(properties).map(([key, property]) => [key, property.default]),
    );
    const fromCode = Object.fromEntries(
      Object.entries(DEFAULT_SETTINGS).map(([key, value]) => [`${SETTINGS_SECTION}.${key}`, value]),
    );
    assert.deepEqual(fromManifest, fromCode);
  });

  it('gives every setting resource scope and a description', () => {
    for (const [key, property] of Object.entries(properties)) {
      assert.equal(property.scope, 'resource', key);
      assert.ok(localised(property.markdownDescription ?? property.description).length > 20, key);
    }
  });

  it('takes every user-facing string from package.nls.json, and that file has no unused string', () => {
    const used = [...manifestText.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
    assert.ok(used.length > 10);
    assert.deepEqual(used.filter((key) => typeof strings[key] !== 'string'), []);
    assert.deepEqual(Object.keys(strings).filter((key) => !used.includes(key)), []);
    assert.equal(localised('%command.generateKey.title%'), 'Generate Secret Key');
  });

  it('offers a severity for exactly the engine rules, with exactly the allowed values', () => {
    const severity = properties[`${SETTINGS_SECTION}.severity`];
    assert.deepEqual(Object.keys(severity.properties ?? {}), [...RULE_IDS]);
    for (const rule of RULE_IDS) {
      assert.deepEqual(severity.properties?.[rule].enum, SEVERITY_SETTINGS, rule);
    }
    assert.equal(severity.additionalProperties, false);
  });

  it('lists exactly the commands in COMMANDS, under the "Django Secrets" category', () => {
    const commands = manifest.contributes.commands;
    assert.deepEqual(
      commands.map((command) => command.command),
      Object.values(COMMANDS),
    );
    for (const command of commands) {
      assert.equal(localised(command.category), 'Django Secrets', command.command);
    }
  });

  it('refers only to contributed commands in menus', () => {
    const ids = Object.values(COMMANDS).map(String);
    for (const item of manifest.contributes.menus.commandPalette) {
      assert.ok(ids.includes(item.command), item.command);
    }
  });
});
