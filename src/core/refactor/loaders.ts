/**
 * The .env loaders a project may use, how to tell which one it uses, and the code each
 * needs in settings.py. See docs: python-dotenv, python-decouple, django-environ, or none.
 */

export const LOADERS = ['dotenv', 'decouple', 'environ', 'os'] as const;
export type Loader = (typeof LOADERS)[number];

export const LOADER_LABELS: Record<Loader, string> = {
  dotenv: 'python-dotenv',
  decouple: 'python-decouple',
  environ: 'django-environ',
  os: 'os.environ (variable set by the platform)',
};

/** The distribution name to declare as a dependency. */
export const LOADER_PACKAGES: Record<Exclude<Loader, 'os'>, string> = {
  dotenv: 'python-dotenv',
  decouple: 'python-decouple',
  environ: 'django-environ',
};

const IMPORT_PATTERNS: Record<Exclude<Loader, 'os'>, RegExp> = {
  dotenv: /^\s*(?:from\s+dotenv\s+import|import\s+dotenv\b)/m,
  decouple: /^\s*(?:from\s+decouple\s+import|import\s+decouple\b)/m,
  environ: /^\s*(?:import\s+environ\b|from\s+environ\s+import)/m,
};

const DEPENDENCY_PATTERNS: Record<Exclude<Loader, 'os'>, RegExp> = {
  dotenv: /(^|[\s"'[,])python-dotenv\b/im,
  decouple: /(^|[\s"'[,])python-decouple\b/im,
  environ: /(^|[\s"'[,])django-environ\b/im,
};

export interface LoaderEvidence {
  /** Python modules of the project's settings (the one being fixed first). */
  readonly settingsTexts: readonly string[];
  /** requirements*.txt, pyproject.toml, Pipfile, setup.cfg texts. */
  readonly dependencyTexts: readonly string[];
}

/**
 * The loader the project already uses: imported in its settings modules first, then
 * declared in its dependency files; undefined when none is seen.
 */
export function detectLoader(evidence: LoaderEvidence): Exclude<Loader, 'os'> | undefined {
  const order: Array<Exclude<Loader, 'os'>> = ['environ', 'decouple', 'dotenv'];
  for (const text of evidence.settingsTexts) {
    const hit = order.find((l) => IMPORT_PATTERNS[l].test(text));
    if (hit) return hit;
  }
  for (const text of evidence.dependencyTexts) {
    const hit = order.find((l) => DEPENDENCY_PATTERNS[l].test(text));
    if (hit) return hit;
  }
  return undefined;
}

/** Whether a dependency file already declares the package. */
export function declaresPackage(text: string, loader: Exclude<Loader, 'os'>): boolean {
  return DEPENDENCY_PATTERNS[loader].test(text);
}
