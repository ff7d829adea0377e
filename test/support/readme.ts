// The README's code blocks, as the example tests read them.
import * as fs from 'fs';
import * as path from 'path';

export const README = path.join(__dirname, '..', '..', 'README.md');

export interface CodeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The nearest heading above it. */
  readonly heading: string;
  /** The fence's language, e.g. `ts`, `json`, `sh`. */
  readonly lang: string;
  readonly code: string;
  /**
   * The file the block is, when the line before it names one (`` `chatbot-function/index.mjs`: ``);
   * the examples tests write such files into the app directory.
   */
  readonly file?: string;
}

export function readmeCodeBlocks(text = fs.readFileSync(README, 'utf-8')): CodeBlock[] {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  let heading = '';
  let fence: { line: number; lang: string; file?: string; body: string[] } | undefined;
  let lastText = '';
  lines.forEach((line, i) => {
    if (fence) {
      if (/^```\s*$/.test(line)) {
        blocks.push({ line: fence.line, heading, lang: fence.lang, code: fence.body.join('\n'), file: fence.file });
        fence = undefined;
      } else {
        fence.body.push(line);
      }
    } else if (line.startsWith('```')) {
      const file = /^`([\w@./-]+)`:$/.exec(lastText)?.[1];
      fence = { line: i + 1, lang: line.slice(3).trim(), file, body: [] };
    } else if (/^#+ /.test(line)) {
      heading = line.replace(/^#+ /, '').trim();
    }
    if (line.trim() !== '') {
      lastText = line.trim();
    }
  });
  if (fence) {
    throw new Error(`README.md:${fence.line}: code block is never closed`);
  }
  return blocks;
}

/**
 * A TypeScript example as a user would paste it into a file of their app: a block that imports
 * what it uses, followed by the blocks that continue it (those without imports of their own).
 */
export interface ReadmeExample {
  /** Where it starts, `README.md:<line> (<heading>)`. */
  readonly name: string;
  readonly code: string;
  /** Whether it calls jest (`test(` / `expect(`), so it runs as a test file. */
  readonly isJestTest: boolean;
}

export function readmeExamples(blocks = readmeCodeBlocks()): ReadmeExample[] {
  const examples: Array<{ name: string; parts: string[] }> = [];
  for (const block of blocks.filter((b) => b.lang === 'ts')) {
    const continues = !/^import /m.test(block.code);
    if (continues && examples.length > 0) {
      examples[examples.length - 1].parts.push(block.code);
    } else {
      examples.push({ name: `README.md:${block.line} (${block.heading})`, parts: [block.code] });
    }
  }
  return examples.map(({ name, parts }) => {
    const code = parts.join('\n\n');
    return { name, code, isJestTest: /\b(test|expect)\(/.test(code) };
  });
}
