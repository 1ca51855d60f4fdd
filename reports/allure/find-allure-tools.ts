/**
 * Locating what `allure generate` needs: the Allure command line bundled in the allure-commandline package
 * (a dev dependency) and a Java runtime, which its start script finds through JAVA_HOME or PATH.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { AllureToolMissingError } from './allure-errors.ts';

/** The POSIX start script inside the package; allure.bat sits beside it for Windows. */
const CLI_IN_PACKAGE = join('dist', 'bin', process.platform === 'win32' ? 'allure.bat' : 'allure');

export function findAllureCli(): string {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve('allure-commandline/package.json');
  } catch (err) {
    throw new AllureToolMissingError('allure-commandline', 'the dev dependency allure-commandline is not installed: run npm install', {
      cause: (err as Error).message,
    });
  }
  const cli = join(dirname(packageJson), CLI_IN_PACKAGE);
  if (!existsSync(cli)) {
    throw new AllureToolMissingError('allure-commandline', `the package has no ${CLI_IN_PACKAGE}`, { cli });
  }
  return cli;
}

/** The java the Allure script will run: $JAVA_HOME/bin/java when JAVA_HOME is set, else the first on PATH. */
export function findJava(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const exe = process.platform === 'win32' ? 'java.exe' : 'java';
  if (env.JAVA_HOME) {
    const java = join(env.JAVA_HOME, 'bin', exe);
    return isExecutable(java) ? java : undefined;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const java = join(dir, exe);
    if (isExecutable(java)) return java;
  }
  return undefined;
}

export function requireJava(env: NodeJS.ProcessEnv = process.env): string {
  const java = findJava(env);
  if (java) return java;
  const hint = env.JAVA_HOME
    ? `JAVA_HOME is ${env.JAVA_HOME} but it holds no bin/java`
    : 'no java on PATH and JAVA_HOME is not set; install a Java 8+ runtime (e.g. Debian openjdk-17-jre-headless)';
  throw new AllureToolMissingError('java', hint);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
