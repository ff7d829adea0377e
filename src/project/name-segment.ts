import { createHash } from 'crypto';

/**
 * An eight-character hash of `text`: stable across synths, machines and library versions,
 * because export and parameter names built from it must never change for a deployed project.
 */
export function stableHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}

/**
 * Turns a name into a name segment that contains no character matched by `disallowed`
 * and is at most `maxLength` long.
 *
 * A name that already fits is used as it is, so the common case stays readable. A name that had
 * to change gets a hash of the original appended: `My Project` and `My-Project` would otherwise
 * both become `My-Project` and their exports would collide.
 */
export function nameSegment(name: string, disallowed: RegExp, maxLength: number): string {
  const replaced = name.replace(disallowed, '-');
  if (replaced === name && name.length <= maxLength) {
    return name;
  }
  const suffix = `-${stableHash(name)}`;
  const head = replaced.replace(/^-+|-+$/g, '').slice(0, Math.max(0, maxLength - suffix.length)).replace(/-+$/, '');
  return `${head || 'project'}${suffix}`;
}
