// Inlined into dist/cli.js by the bundler; only the fields named here are kept.
import { repository, version } from '../../package.json';

export const VERSION: string = version;

/** The project's home page, for SARIF `tool.driver.informationUri`. */
export const HOMEPAGE: string = repository.url.replace(/\.git$/, '');
