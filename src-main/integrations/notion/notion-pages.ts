// What an outbox event looks like as a Notion page (properties, body blocks within Notion's size
// limits) and the parse of Notion's replies. Pure: no client, no I/O.
import type { BlockObjectRequest, CreatePageParameters, QueryDataSourceParameters } from '@notionhq/client';
import { z } from 'zod';
import type { OutboxEvent } from '../../../src-shared/domain/outbox';

/** Notion's limits: 2000 characters per rich-text item, 100 blocks per request, 500 KB a payload. */
export const RICH_TEXT_MAX = 2000;
export const BLOCKS_MAX = 100;
/** Room for the body in one create, well under Notion's 500 KB payload with the properties around it. */
export const BODY_BYTES_MAX = 400_000;

/** The database's property names the pusher writes and looks up (see docs/notion.md). */
export const PROPERTY = { title: 'Name', eventId: 'Event ID', kind: 'Kind', created: 'Created' } as const;

export interface BodyBlocks {
  blocks: BlockObjectRequest[];
  /** Characters of the body left out to fit Notion's limits (0 when all of it is on the page). */
  omittedChars: number;
}

/** Splits text into pieces of at most `max` characters without cutting a surrogate pair. */
export function chunkText(text: string, max = RICH_TEXT_MAX): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + max, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

function paragraph(content: string): BlockObjectRequest {
  return { object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content } }] } };
}

/**
 * The body as paragraph blocks: one per blank-line-separated paragraph, split at 2000 characters.
 * What does not fit in 100 blocks (or the byte budget) is left out, and the last block says how much.
 */
export function bodyBlocks(body: string): BodyBlocks {
  const pieces = body
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .flatMap((part) => chunkText(part));
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const blocks: BlockObjectRequest[] = [];
  let bytes = 0;
  let shown = 0;
  for (const [index, piece] of pieces.entries()) {
    const size = Buffer.byteLength(JSON.stringify(piece));
    const roomForNote = index < pieces.length - 1 ? 1 : 0;
    if (blocks.length + 1 + roomForNote > BLOCKS_MAX || bytes + size > BODY_BYTES_MAX) break;
    blocks.push(paragraph(piece));
    bytes += size;
    shown += piece.length;
  }
  const omittedChars = total - shown;
  if (omittedChars > 0) {
    blocks.push(paragraph(`[Truncated: ${omittedChars} of ${total} characters of this text did not fit in one Notion page; the full text is in hubdesk's outbox.]`));
  }
  return { blocks, omittedChars };
}

export function createPageParameters(event: OutboxEvent, dataSourceId: string): CreatePageParameters {
  return {
    parent: { type: 'data_source_id', data_source_id: dataSourceId },
    properties: {
      [PROPERTY.title]: { title: [{ type: 'text', text: { content: event.title.slice(0, RICH_TEXT_MAX) } }] },
      [PROPERTY.eventId]: { rich_text: [{ type: 'text', text: { content: event.id } }] },
      [PROPERTY.kind]: { select: { name: event.kind } },
      [PROPERTY.created]: { date: { start: new Date(event.createdAt).toISOString() } },
    },
    children: bodyBlocks(event.body).blocks,
  };
}

/** The look-up for an event's page: "Event ID" equals the id, oldest first. */
export function findPageParameters(dataSourceId: string, eventId: string): QueryDataSourceParameters {
  return {
    data_source_id: dataSourceId,
    filter: { property: PROPERTY.eventId, rich_text: { equals: eventId } },
    sorts: [{ timestamp: 'created_time', direction: 'ascending' }],
    page_size: 10,
  };
}

const PageRef = z.object({ object: z.literal('page'), id: z.string().min(1) });
const RichTextValue = z.object({ rich_text: z.array(z.object({ plain_text: z.string().optional(), text: z.object({ content: z.string() }).optional() })) });
const ListedPage = PageRef.extend({ properties: z.record(z.string(), z.unknown()).optional() });

export const CreatedPage = PageRef;
export const QueryReply = z.object({
  object: z.literal('list'),
  results: z.array(ListedPage),
  has_more: z.boolean(),
  next_cursor: z.string().nullable(),
});
export type QueryReply = z.infer<typeof QueryReply>;

export const DatabaseReply = z.object({
  object: z.literal('database'),
  id: z.string(),
  data_sources: z.array(z.object({ id: z.string().min(1), name: z.string().optional() })),
});

/** The "Event ID" a listed page carries, or undefined when it has none. */
export function eventIdOf(page: z.infer<typeof ListedPage>): string | undefined {
  const parsed = RichTextValue.safeParse(page.properties?.[PROPERTY.eventId]);
  if (!parsed.success) return undefined;
  const text = parsed.data.rich_text.map((item) => item.plain_text ?? item.text?.content ?? '').join('');
  return text.length > 0 ? text : undefined;
}

/** A reply's shape problem in one line (for the attempt's error). */
export function shapeError(what: string, error: z.ZodError): string {
  const issue = error.issues[0];
  return `${what} was not what Notion sends (${issue ? `${issue.path.join('.') || 'reply'}: ${issue.message}` : 'unreadable'})`;
}
