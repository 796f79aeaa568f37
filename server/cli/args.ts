/**
 * Command-line arguments of every command (the maintenance commands here, the importer), parsed by
 * `node:util` parseArgs in strict mode: an unknown option, a missing value or a value given to a switch is a
 * UsageError whose message says which option and repeats the usage line, Chinese first, then English.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EnvError, readEnv } from '../env';

type Options = NonNullable<ParseArgsConfig['options']>;

export class UsageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

export function parseCommandLine<const O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const option = /'(--?[^' <]+)/.exec((e as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`未知参数 ${option}（用法：${usage}）`, `unknown option ${option} (usage: ${usage})`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const switchOnly = options[option.replace(/^-+/, '')]?.type === 'boolean';
      throw switchOnly
        ? new UsageError(`参数 ${option} 不取值（用法：${usage}）`, `${option} takes no value (usage: ${usage})`)
        : new UsageError(`参数 ${option} 缺少取值（用法：${usage}）`, `${option} needs a value (usage: ${usage})`);
    }
    throw e;
  }
}

/** For the maintenance commands: the arguments (the environment checked too), or exit 2 with the reason on stderr. */
export function commandLine<const O extends Options>(options: O, usage: string, argv = process.argv.slice(2)) {
  try {
    readEnv();
    return parseCommandLine(argv, options, usage);
  } catch (e) {
    if (e instanceof UsageError) console.error(`错误：${e.zh} / Error: ${e.en}`);
    else if (e instanceof EnvError) console.error(e.message);
    else throw e;
    process.exit(2);
  }
}
