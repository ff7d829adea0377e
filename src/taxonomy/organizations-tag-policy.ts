import { MAX_TAG_VALUE_LENGTH } from './aws-tag-rules';
import type { TagKeyDefinition } from './tag-key-definition';
import type { TagTaxonomy } from './tag-taxonomy';

/**
 * Options for rendering a taxonomy as an AWS Organizations tag policy.
 */
export interface OrganizationsTagPolicyOptions {
  /**
   * Resource types for which AWS Organizations should block non-compliant tagging operations,
   * written as the tag policy `enforced_for` list expects them (for example `ec2:instance`).
   * The same list is added to every key.
   *
   * Bedrock projects are not in the Organizations enforcement table today, so this cannot make
   * AWS enforce the taxonomy on projects; it only helps when the same taxonomy governs other
   * resource types.
   *
   * @default - no `enforced_for`: the policy reports compliance and enforces nothing
   */
  readonly enforcedFor?: string[];
}

/**
 * An AWS Organizations tag policy rendered from a {@link TagTaxonomy}, with the places where it
 * is looser than the taxonomy.
 *
 * A tag policy can say which capitalization a key must have and which values it accepts
 * (literal values, each with at most one `*` wildcard). It cannot require that a key be present,
 * reject undeclared keys, or express most regular expressions. Allowed values map directly.
 * A pattern is read as matching the whole value, as the taxonomy's validation reads it, whether
 * or not it is written with `^` and `$`. It maps to literal values where it accepts a short list
 * of literals (`Production|Development`); otherwise to values with one `*` standing for
 * everything between the fixed prefix and the fixed suffix (`CC-\d{4}` and `^CC-\d{4}$` both
 * become `CC-*`, `^team-\w+-\w+-prod$` becomes `team-*-prod`); and to no `tag_value` at all
 * (any value is compliant) when it fixes neither end of the value or uses lookarounds,
 * back-references or word boundaries. Every such loosening is listed in
 * {@link OrganizationsTagPolicy.approximations}.
 *
 * AWS cannot enforce tag policies on Bedrock projects: they are not in the Organizations
 * enforcement table. The synth-time validation of `BedrockProject` is what enforces the
 * taxonomy; the Organizations policy is for compliance reporting across the organization.
 *
 * @example
 * const policy = OrganizationsTagPolicy.fromTaxonomy(TagTaxonomy.example());
 * // policy.document.tags.costcenter => { tag_key: { '@@assign': 'CostCenter' }, tag_value: { '@@assign': ['CC-*'] } }
 * // policy.approximations => ["CostCenter: pattern ^CC-\d{4}$ is approximated as CC-* ..."]
 */
export class OrganizationsTagPolicy {
  /**
   * Renders a taxonomy as an Organizations tag policy.
   *
   * @param taxonomy the taxonomy to render
   * @param options rendering options
   */
  public static fromTaxonomy(
    taxonomy: TagTaxonomy,
    // jsii reads a parameter's default only from a doc comment on the parameter itself.
    /** @default - no `enforced_for`: the policy reports compliance and enforces nothing */
    options?: OrganizationsTagPolicyOptions,
  ): OrganizationsTagPolicy {
    return new OrganizationsTagPolicy(taxonomy.keys, options ?? {});
  }

  /**
   * The tag policy document, `{ "tags": { "<lowercase key>": { "tag_key": ..., "tag_value": ... } } }`,
   * with keys in alphabetical order of their policy key. Serialize it with `JSON.stringify`.
   */
  public readonly document: any;

  /**
   * One sentence per key whose values the policy constrains less than the taxonomy does: a
   * pattern widened to a `*` wildcard, or a pattern that no tag policy value can express (the
   * key then has no `tag_value`). Empty when the policy accepts exactly the values the taxonomy
   * accepts (required keys and undeclared keys aside, which no tag policy can express).
   */
  public readonly approximations: string[];

  private constructor(keys: TagKeyDefinition[], options: OrganizationsTagPolicyOptions) {
    const approximations: string[] = [];
    const tags: { [policyKey: string]: any } = {};
    const sorted = [...keys].sort((a, b) => compare(a.key.toLowerCase(), b.key.toLowerCase()));
    for (const definition of sorted) {
      const entry: { [field: string]: any } = { tag_key: { '@@assign': definition.key } };
      const values = policyValues(definition, approximations);
      if (values !== undefined) {
        entry.tag_value = { '@@assign': values };
      }
      if (options.enforcedFor !== undefined && options.enforcedFor.length > 0) {
        entry.enforced_for = { '@@assign': [...options.enforcedFor] };
      }
      tags[definition.key.toLowerCase()] = entry;
    }
    this.document = { tags };
    this.approximations = approximations;
  }
}

/** How many literal values a pattern may expand to before its variable parts become `*`. */
const MAX_EXPANDED_VALUES = 32;

/** The `tag_value` list for one key, or `undefined` when any value is compliant. */
function policyValues(definition: TagKeyDefinition, approximations: string[]): string[] | undefined {
  const key = definition.key;
  if (definition.allowedValues !== undefined) {
    // AWS tag values cannot contain '*', so allowed values are never read as wildcards.
    return sortedUnique(definition.allowedValues);
  }
  if (definition.pattern === undefined) {
    return undefined;
  }
  const pattern = definition.pattern;
  const translation = wildcardValues(pattern);
  if (translation === undefined) {
    approximations.push(`${key}: pattern ${pattern} uses a construct that cannot be written as tag policy values (a lookaround, back-reference, word boundary or anchor inside the pattern), so the policy has no tag_value for it and accepts any value`);
    return undefined;
  }
  if (translation.values.includes('*')) {
    approximations.push(`${key}: pattern ${pattern} fixes neither the start nor the end of the value, so the policy has no tag_value for it and accepts any value`);
    return undefined;
  }
  const values = withoutSubsumed(sortedUnique(translation.values));
  if (!translation.exact) {
    approximations.push(`${key}: pattern ${pattern} is approximated as ${values.join(', ')}; the '*' accepts any characters where the pattern accepts only some`);
  }
  return values;
}

// ---------------------------------------------------------------------------------------------
// Regular expression to wildcard values.
//
// The taxonomy checks values with the pattern wrapped as `^(?:pattern)$`, so a value must match
// it in full whether or not the pattern has its own `^` and `$`. The translation reads every
// pattern the same way: `CC-\d{4}` and `^CC-\d{4}$` accept the same values and both become
// `CC-*`. It parses the common subset of JavaScript regular expressions (literals, escapes,
// character classes, groups, alternation, quantifiers, anchors) into the set of strings it
// accepts, written as literal parts and variable parts. Finite sets of literals stay exact;
// variable parts become one `*` between the fixed prefix and the fixed suffix, which accepts at
// least what the pattern accepts. Any construct the parser does not know (lookarounds,
// back-references, word boundaries) makes the whole pattern inexpressible, which is always
// safe: the policy then accepts any value.
// ---------------------------------------------------------------------------------------------

/** A variable part of a value: some characters the pattern constrains but a tag policy cannot. */
const ANY = { any: true } as const;
/** A `^` or `$` inside a shape, resolved once the whole pattern is expanded. */
const START = { anchor: 'start' } as const;
const END = { anchor: 'end' } as const;

type Part = string | typeof ANY | typeof START | typeof END;
/** One family of accepted values: a sequence of literal and variable parts. */
type Shape = Part[];

interface Translation {
  readonly values: string[];
  /** Whether the values accept exactly what the pattern accepts. */
  readonly exact: boolean;
}

/** The pattern as tag policy values, or `undefined` when it uses a construct the parser does not know. */
function wildcardValues(pattern: string): Translation | undefined {
  let shapes: Shape[];
  try {
    shapes = new PatternParser(pattern).parse();
  } catch (e) {
    if (e instanceof Unsupported) {
      return undefined;
    }
    throw e;
  }
  const values: string[] = [];
  let exact = true;
  for (const shape of shapes) {
    const value = shapeToValue(shape);
    if (value === undefined) {
      return undefined;
    }
    exact = exact && !value.includes('*');
    values.push(value);
  }
  return { values, exact };
}

/** Writes one shape as a tag policy value, or `undefined` when its anchors cannot be placed. */
function shapeToValue(shape: Shape): string | undefined {
  // The value is matched whole, so `^` at the start and `$` at the end add nothing (`^CC-\d{4}$`
  // reads as `CC-\d{4}`), however many there are.
  let first = 0;
  let last = shape.length;
  while (first < last && shape[first] === START) {
    first++;
  }
  while (last > first && shape[last - 1] === END) {
    last--;
  }
  const parts = shape.slice(first, last);
  // An anchor anywhere else can only match at the very start or end of the value, which a value
  // cannot say; such patterns are rare enough to leave unexpressed.
  if (parts.some((p) => p === START || p === END)) {
    return undefined;
  }
  // A literal '*' is read as a wildcard by a tag policy, so it counts as a variable part.
  const text = parts.map((p) => (p === ANY ? '*' : p)).join('');
  const star = text.indexOf('*');
  if (star < 0) {
    return text;
  }
  // Only one '*' is allowed: keep the fixed prefix and suffix and let one '*' cover everything
  // between them (`team-*-*-prod` becomes `team-*-prod`), which accepts at least as much.
  return `${text.slice(0, star)}*${text.slice(text.lastIndexOf('*') + 1)}`;
}

/** Thrown when a pattern uses a construct the translation does not know. */
class Unsupported extends Error {}

/** A recursive-descent parser for the regular expression subset described above. */
class PatternParser {
  private position = 0;

  public constructor(private readonly source: string) {}

  public parse(): Shape[] {
    const shapes = this.alternation();
    if (this.position < this.source.length) {
      throw new Unsupported(`unexpected '${this.source[this.position]}'`);
    }
    return shapes;
  }

  private alternation(): Shape[] {
    const shapes = [...this.sequence()];
    while (this.peek() === '|') {
      this.position++;
      shapes.push(...this.sequence());
    }
    return limit(shapes);
  }

  private sequence(): Shape[] {
    let shapes: Shape[] = [[]];
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const term = this.quantified(this.atom());
      shapes = product(shapes, term);
    }
    return shapes;
  }

  private atom(): Shape[] {
    const c = this.source[this.position++];
    switch (c) {
      case '^':
        return [[START]];
      case '$':
        return [[END]];
      case '.':
        return [[ANY]];
      case '(':
        return this.group();
      case '[':
        return this.characterClass();
      case '\\':
        return this.escape(false).map((ch) => [ch]);
      case '*':
      case '+':
      case '?':
      case '{':
      case ')':
      case ']':
      case '}':
        throw new Unsupported(`unexpected '${c}'`);
      default:
        return [[this.codePointFrom(c)]];
    }
  }

  private group(): Shape[] {
    if (this.source.startsWith('?:', this.position)) {
      this.position += 2;
    } else if (this.source.startsWith('?<', this.position) && !/^\?<[=!]/.test(this.source.slice(this.position))) {
      const close = this.source.indexOf('>', this.position);
      if (close < 0) {
        throw new Unsupported('unterminated group name');
      }
      this.position = close + 1;
    } else if (this.peek() === '?') {
      throw new Unsupported('lookaround');
    }
    const shapes = this.alternation();
    if (this.source[this.position++] !== ')') {
      throw new Unsupported('unterminated group');
    }
    return shapes;
  }

  private characterClass(): Shape[] {
    const negated = this.peek() === '^';
    if (negated) {
      this.position++;
    }
    const members = new Set<string>();
    let enumerable = !negated;
    while (this.peek() !== ']') {
      if (this.position >= this.source.length) {
        throw new Unsupported('unterminated character class');
      }
      const from = this.classMember();
      if (this.peek() === '-' && this.source[this.position + 1] !== ']') {
        this.position++;
        const to = this.classMember();
        if (from.length !== 1 || to.length !== 1 || typeof from[0] !== 'string' || typeof to[0] !== 'string') {
          throw new Unsupported('range with a class escape');
        }
        const low = from[0].codePointAt(0)!;
        const high = to[0].codePointAt(0)!;
        if (high - low + 1 > MAX_EXPANDED_VALUES) {
          enumerable = false;
        }
        for (let cp = low; cp <= high && enumerable; cp++) {
          members.add(String.fromCodePoint(cp));
        }
      } else {
        for (const member of from) {
          if (typeof member === 'string') {
            members.add(member);
          } else {
            enumerable = false;
          }
        }
      }
    }
    this.position++;
    if (!enumerable || members.size === 0 || members.size > MAX_EXPANDED_VALUES) {
      return [[ANY]];
    }
    return [...members].map((m) => [m]);
  }

  /** One member of a character class: the characters it stands for (`ANY` for `\w` and the like). */
  private classMember(): Part[] {
    const c = this.source[this.position++];
    if (c === '\\') {
      return this.escape(true);
    }
    return [this.codePointFrom(c)];
  }

  /** Reads the rest of a surrogate pair, so that characters outside the BMP stay whole. */
  private codePointFrom(c: string): string {
    const cp = c.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdbff && this.position < this.source.length) {
      return c + this.source[this.position++];
    }
    return c;
  }

  /** The characters an escape stands for (the backslash is already consumed). */
  private escape(inClass: boolean): Part[] {
    const c = this.source[this.position++];
    if (c === undefined) {
      throw new Unsupported('trailing backslash');
    }
    switch (c) {
      case 'd':
        return '0123456789'.split('');
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        return [ANY];
      case 'p':
      case 'P':
        this.skipBraces();
        return [ANY];
      case 't':
        return ['\t'];
      case 'n':
        return ['\n'];
      case 'r':
        return ['\r'];
      case 'f':
        return ['\f'];
      case 'v':
        return ['\v'];
      case '0':
        return ['\0'];
      case 'x':
        return [this.hexCharacter(2)];
      case 'u':
        if (this.peek() === '{') {
          const close = this.source.indexOf('}', this.position);
          const hex = this.source.slice(this.position + 1, close);
          if (close < 0 || !/^[0-9a-fA-F]+$/.test(hex)) {
            throw new Unsupported('bad \\u{} escape');
          }
          this.position = close + 1;
          return [String.fromCodePoint(parseInt(hex, 16))];
        }
        return [this.hexCharacter(4)];
      case 'b':
        if (inClass) {
          return ['\b'];
        }
        throw new Unsupported('word boundary');
      default:
        if (/[\^$\\.*+?()[\]{}|\/-]/.test(c)) {
          return [c];
        }
        // Back-references (\1, \k<name>), \B, \c and anything else.
        throw new Unsupported(`escape \\${c}`);
    }
  }

  private hexCharacter(digits: number): string {
    const hex = this.source.slice(this.position, this.position + digits);
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) {
      throw new Unsupported('bad hexadecimal escape');
    }
    this.position += digits;
    return String.fromCharCode(parseInt(hex, 16));
  }

  private skipBraces(): void {
    if (this.peek() !== '{') {
      throw new Unsupported('bad property escape');
    }
    const close = this.source.indexOf('}', this.position);
    if (close < 0) {
      throw new Unsupported('bad property escape');
    }
    this.position = close + 1;
  }

  /** Applies a quantifier after an atom, if there is one. */
  private quantified(atom: Shape[]): Shape[] {
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === '*') {
      [min, max] = [0, Infinity];
      this.position++;
    } else if (c === '+') {
      [min, max] = [1, Infinity];
      this.position++;
    } else if (c === '?') {
      [min, max] = [0, 1];
      this.position++;
    } else if (c === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.position));
      if (!match) {
        throw new Unsupported('bad quantifier');
      }
      min = parseInt(match[1], 10);
      max = match[2] === undefined ? min : match[3] === '' ? Infinity : parseInt(match[3], 10);
      this.position += match[0].length;
    } else {
      return atom;
    }
    if (this.peek() === '?') {
      this.position++; // lazy quantifiers accept the same strings
    }
    return repeat(atom, min, max);
  }

  private peek(): string | undefined {
    return this.source[this.position];
  }
}

/** `atom` repeated `min` to `max` times. */
function repeat(atom: Shape[], min: number, max: number): Shape[] {
  if (max === 0) {
    return [[]];
  }
  if (atom.some((shape) => shape.some((p) => p === START || p === END))) {
    throw new Unsupported('quantified anchor');
  }
  const literal = atom.every((shape) => shape.every((p) => typeof p === 'string'));
  if (literal && max <= MAX_TAG_VALUE_LENGTH && listable(atom.length, min, max)) {
    return powers(atom, min, max);
  }
  // More repetitions than can be listed. A single literal keeps its first `min` copies before
  // the variable part (`(ab)+` becomes `ab*`); alternatives become one variable part, which
  // reads better than a list of prefixes (`\d+` is `*`, not `0*` to `9*`). A tag policy '*' can
  // also stand for nothing at all.
  if (literal && atom.length === 1 && min >= 1 && min <= MAX_TAG_VALUE_LENGTH) {
    return product(powers(atom, min, min), [[ANY]]);
  }
  return [[ANY]];
}

/** Whether `width` alternatives repeated `min` to `max` times make few enough values to list. */
function listable(width: number, min: number, max: number): boolean {
  let count = 0;
  for (let k = min; k <= max && count <= MAX_EXPANDED_VALUES; k++) {
    count += Math.pow(width, k);
  }
  return count <= MAX_EXPANDED_VALUES;
}

/** Every concatenation of `min` to `max` copies of `atom`. */
function powers(atom: Shape[], min: number, max: number): Shape[] {
  const shapes: Shape[] = [];
  let power: Shape[] = [[]];
  for (let k = 0; k <= max; k++) {
    if (k >= min) {
      shapes.push(...power);
    }
    power = product(power, atom);
  }
  return shapes;
}

/** Every concatenation of a shape of `left` with a shape of `right`, kept to a listable size. */
function product(left: Shape[], right: Shape[]): Shape[] {
  const rightShapes = left.length * right.length > MAX_EXPANDED_VALUES ? collapse(right) : right;
  const shapes: Shape[] = [];
  for (const l of left) {
    for (const r of rightShapes) {
      shapes.push([...l, ...r]);
    }
  }
  return limit(shapes);
}

/** Shapes as one variable part, when they are too many to list. */
function collapse(shapes: Shape[]): Shape[] {
  if (shapes.length <= 1) {
    return shapes;
  }
  if (shapes.some((shape) => shape.some((p) => p === START || p === END))) {
    throw new Unsupported('too many alternatives around an anchor');
  }
  return [[ANY]];
}

function limit(shapes: Shape[]): Shape[] {
  return shapes.length > MAX_EXPANDED_VALUES ? collapse(shapes) : shapes;
}

/**
 * Drops values that another value already accepts (`CC-*-X` next to `CC-*`), so the list says
 * no more than it must.
 */
function withoutSubsumed(values: string[]): string[] {
  return values.filter((value) => !values.some((other) => other !== value && accepts(other, value)));
}

/** Whether every value that `inner` accepts is also accepted by `outer` (both with at most one `*`). */
function accepts(outer: string, inner: string): boolean {
  const star = outer.indexOf('*');
  if (star < 0) {
    return outer === inner;
  }
  const prefix = outer.slice(0, star);
  const suffix = outer.slice(star + 1);
  const innerStar = inner.indexOf('*');
  if (innerStar < 0) {
    return inner.length >= prefix.length + suffix.length && inner.startsWith(prefix) && inner.endsWith(suffix);
  }
  return inner.slice(0, innerStar).startsWith(prefix) && inner.slice(innerStar + 1).endsWith(suffix);
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort(compare);
}

/** Compares by UTF-16 code units, the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
