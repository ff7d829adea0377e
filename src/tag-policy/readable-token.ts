import { Stack, Token } from 'aws-cdk-lib';

/**
 * A value as people reading a tag policy should see it: literal strings as they are, and values
 * only known at deploy time as a placeholder that names their source, such as `<Ref:TeamParameter>`
 * or `<GetAtt:Chatbot1A2B3C4D.ProjectId>`, instead of a `${Token[...]}` string whose number
 * depends on construction order.
 *
 * @param stack the stack whose template the value appears in
 * @param value the value, possibly a token
 */
export function readableValue(stack: Stack, value: string): string {
  if (!Token.isUnresolved(value)) {
    return value;
  }
  let resolved: unknown;
  try {
    resolved = stack.resolve(value);
  } catch {
    // A reference that only resolves during synthesis (for example across stacks).
    return '<token>';
  }
  return describe(resolved);
}

/** Describes a resolved CloudFormation value. */
function describe(value: unknown): string {
  if (typeof value === 'string') {
    return Token.isUnresolved(value) ? '<token>' : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.map(describe).join(',');
  }
  if (value === null || typeof value !== 'object') {
    return '<token>';
  }
  const entries = Object.entries(value as { [key: string]: unknown });
  if (entries.length !== 1) {
    return '<token>';
  }
  const [fn, args] = entries[0];
  switch (fn) {
    case 'Ref':
      return `<Ref:${describe(args)}>`;
    case 'Fn::GetAtt':
      return `<GetAtt:${Array.isArray(args) ? args.map(describe).join('.') : describe(args)}>`;
    case 'Fn::ImportValue':
      return `<ImportValue:${describe(args)}>`;
    case 'Fn::Join':
      if (Array.isArray(args) && typeof args[0] === 'string' && Array.isArray(args[1])) {
        return args[1].map(describe).join(args[0]);
      }
      return '<Join>';
    case 'Fn::Sub':
      return `<Sub:${describe(Array.isArray(args) ? args[0] : args)}>`;
    case 'Fn::FindInMap':
      return `<FindInMap:${Array.isArray(args) ? args.map(describe).join('.') : describe(args)}>`;
    case 'Fn::Select':
      return Array.isArray(args) ? `<Select:${describe(args[0])}:${describe(args[1])}>` : '<Select>';
    default:
      return fn.startsWith('Fn::') ? `<${fn.slice('Fn::'.length)}>` : '<token>';
  }
}
