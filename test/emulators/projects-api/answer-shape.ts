/**
 * Ways a server may write the projects in its answers that differ from the documented shape in
 * small ways (aws-facts §1 documents tags as a map of key to string). Off by default: the emulator
 * answers as documented unless a test asks for one of these.
 */
export interface AnswerShape {
  /**
   * How `tags` is written: the documented map, a list of `{key, value}` pairs, or a list of
   * `{Key, Value}` pairs as other AWS APIs write tags.
   * @default 'map'
   */
  tags?: 'map' | 'key-value-list' | 'Key-Value-list';
  /** Write an empty tag value as `null` instead of `""`. */
  emptyTagValueAsNull?: boolean;
  /** Leave `arn` out of projects, as a server whose answers lack the documented field would. */
  omitArn?: boolean;
}

/** The project as the server writes it under `shape`; the stored project is not changed. */
export function shapeProject(project: unknown, shape: AnswerShape): unknown {
  if (shape.omitArn && typeof project === 'object' && project !== null) {
    const { arn: _arn, ...withoutArn } = project as { arn?: unknown };
    return shapeProject(withoutArn, { ...shape, omitArn: false });
  }
  const fields = project as object;
  const tags = (project as { tags?: unknown } | null)?.tags;
  // Only the documented map is rewritten; anything else a test put in place is answered as it is.
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    return project;
  }
  const entries = Object.entries(tags).map(([key, value]): [string, string | null] => [key, value === '' && shape.emptyTagValueAsNull ? null : value]);
  switch (shape.tags ?? 'map') {
    case 'key-value-list':
      return { ...fields, tags: entries.map(([key, value]) => ({ key, value })) };
    case 'Key-Value-list':
      return { ...fields, tags: entries.map(([key, value]) => ({ Key: key, Value: value })) };
    default:
      return { ...fields, tags: Object.fromEntries(entries) };
  }
}

/** An answer body (one project, or a list page) written under `shape`. */
export function shapeAnswer(body: unknown, shape: AnswerShape): unknown {
  if (typeof body === 'object' && body !== null && Array.isArray((body as { data?: unknown }).data)) {
    return { ...body, data: (body as { data: unknown[] }).data.map((project) => shapeProject(project, shape)) };
  }
  return shapeProject(body, shape);
}
