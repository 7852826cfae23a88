/**
 * The lowest Django version a project's dependency files allow (`Django==4.2.1`, `django>=4.1,<5`,
 * `Django~=4.2`, `"django>=4.2"` in pyproject.toml, `django = "==4.2"` in a Pipfile), if any says.
 */
export type Version = readonly [number, number, number];

const SPEC = /(?:^|["'\s[,])django\s*(?:=\s*["'])?\s*(==|>=|~=|===)\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/gim;

export function declaredDjangoVersion(dependencyTexts: readonly string[]): Version | undefined {
  let lowest: Version | undefined;
  for (const text of dependencyTexts) {
    for (const m of text.matchAll(SPEC)) {
      const v: Version = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
      if (!lowest || compareVersions(v, lowest) < 0) lowest = v;
    }
  }
  return lowest;
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function formatVersion(v: Version): string {
  return v.join('.');
}
