// Stryker ignore-plugin: ignores the equivalent mutants listed, each with why, in stryker.config.mjs.
// @ts-check
import path from 'node:path';
import { PluginKind, commonTokens, declareClassPlugin, tokens } from '@stryker-mutator/api/plugin';

/**
 * Stryker's ignorers see syntax nodes, not mutants: an entry names one node by where it starts
 * (file:line:column, as in the report) and its code, and the equivalent mutant on it; every mutant of
 * that node (and of the nodes inside it) is ignored, with a reason that says which one is equivalent.
 * A stale entry (the code moved or changed) ignores nothing, so its mutants show up again.
 */
class EquivalentMutants {
  static inject = tokens(commonTokens.options, commonTokens.logger);

  /**
   * @param {import('@stryker-mutator/api/core').StrykerOptions} options
   * @param {import('@stryker-mutator/api/logging').Logger} log
   */
  constructor(options, log) {
    const listed = /** @type {{ at: string; code: string; equivalent: string; reason: string }[]} */ (
      options.equivalentMutants ?? []
    );
    this.entries = listed.map((entry) => {
      const m = /^(.+):(\d+):(\d+)$/.exec(entry.at);
      if (!m) throw new Error(`equivalentMutants: "${entry.at}" is not file:line:column`);
      return {
        ...entry,
        file: path.resolve(m[1] ?? ''),
        line: Number(m[2]),
        column: Number(m[3]),
        used: false,
      };
    });
    /** The files mutated in this run: an entry of another file is not stale, only not needed. */
    this.seen = new Set();
    process.once('exit', () => {
      for (const e of this.entries.filter((e) => !e.used && this.seen.has(e.file))) {
        log.warn(`equivalentMutants: nothing matches ${e.at} ${e.code}; remove or update the entry.`);
      }
    });
  }

  /** @param {any} nodePath a Babel NodePath */
  shouldIgnore(nodePath) {
    const { loc } = nodePath.node;
    if (!loc) return undefined;
    const file = path.resolve(nodePath.hub.file.opts.filename);
    this.seen.add(file);
    const entry = this.entries.find(
      (e) =>
        e.line === loc.start.line &&
        e.column === loc.start.column + 1 &&
        e.file === file &&
        e.code === nodePath.getSource(),
    );
    if (!entry) return undefined;
    entry.used = true;
    const why = `${entry.code} → ${entry.equivalent}: ${entry.reason}`;
    return `Equivalent mutant ${why} (this node's other mutants are ignored with it)`;
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Ignore, 'equivalent', EquivalentMutants)];

export const strykerValidationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  type: 'object',
  properties: {
    equivalentMutants: {
      description: 'Mutants no test can tell from the original code, by syntax node, with why.',
      type: 'array',
      default: [],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['at', 'code', 'equivalent', 'reason'],
        properties: {
          at: { description: 'file:line:column where the node starts', type: 'string' },
          code: { description: "the node's code", type: 'string' },
          equivalent: { description: 'the equivalent mutant, as the report shows it', type: 'string' },
          reason: { description: 'why no test can tell it from the original', type: 'string' },
        },
      },
    },
  },
};
