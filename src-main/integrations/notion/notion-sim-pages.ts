// The Notion simulator's data: one database with one data source of pages, the request bodies it
// accepts (checked like Notion checks them: 2000 characters per text, 100 blocks) and the JSON it
// answers with. Pure: no server, no files.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export interface SimPage {
  id: string;
  eventId: string | null;
  title: string;
  kind: string | null;
  created: string | null;
  createdTime: string;
  blocks: number;
}

export interface SimCounts {
  pages: number;
  distinctEventIds: number;
  /** Pages beyond the first for an event id. */
  duplicates: number;
}

const TextItem = z.object({
  type: z.literal('text').optional(),
  text: z.object({ content: z.string().max(2000), link: z.unknown().optional() }),
  annotations: z.unknown().optional(),
});
const RichText = z.array(TextItem).max(100);
const Block = z
  .object({ object: z.literal('block').optional(), type: z.literal('paragraph'), paragraph: z.object({ rich_text: RichText }) })
  .strict();

export const CreateBody = z.object({
  parent: z.union([z.object({ type: z.literal('data_source_id').optional(), data_source_id: z.string() }), z.object({ type: z.literal('database_id').optional(), database_id: z.string() })]),
  properties: z
    .object({
      Name: z.object({ title: RichText }),
      'Event ID': z.object({ rich_text: RichText }).optional(),
      Kind: z.object({ select: z.object({ name: z.string().min(1).max(100).refine((name) => !name.includes(','), 'must not contain a comma') }) }).optional(),
      Created: z.object({ date: z.object({ start: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 date') }) }).optional(),
    })
    .strict(),
  children: z.array(Block).max(100).optional(),
});
export type CreateBody = z.infer<typeof CreateBody>;

export const QueryBody = z
  .object({
    filter: z.object({ property: z.literal('Event ID'), rich_text: z.object({ equals: z.string() }).strict() }).strict().optional(),
    sorts: z.array(z.unknown()).optional(),
    page_size: z.number().int().min(1).max(100).optional(),
    start_cursor: z.string().optional(),
  })
  .strict();
export type QueryBody = z.infer<typeof QueryBody>;

/** Notion's way of saying which field of the body is wrong. */
export function validationMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = ['body', ...(issue?.path ?? []).map(String)].join('.');
  return `body failed validation: ${path} ${issue?.message ?? 'is invalid'}.`;
}

export const sameId = (a: string, b: string): boolean => a.replaceAll('-', '').toLowerCase() === b.replaceAll('-', '').toLowerCase();

const plain = (items: ReadonlyArray<{ text: { content: string } }>): string => items.map((item) => item.text.content).join('');

export function newPage(body: CreateBody, now = new Date()): SimPage {
  const eventId = body.properties['Event ID'] ? plain(body.properties['Event ID'].rich_text) : '';
  return {
    id: randomUUID(),
    eventId: eventId.length > 0 ? eventId : null,
    title: plain(body.properties.Name.title),
    kind: body.properties.Kind?.select.name ?? null,
    created: body.properties.Created?.date.start ?? null,
    createdTime: now.toISOString(),
    blocks: body.children?.length ?? 0,
  };
}

function richTextJson(content: string): unknown[] {
  if (content.length === 0) return [];
  return [
    {
      type: 'text',
      text: { content, link: null },
      annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' },
      plain_text: content,
      href: null,
    },
  ];
}

export function pageJson(page: SimPage, ids: { databaseId: string; dataSourceId: string }): Record<string, unknown> {
  return {
    object: 'page',
    id: page.id,
    created_time: page.createdTime,
    last_edited_time: page.createdTime,
    in_trash: false,
    archived: false,
    parent: { type: 'data_source_id', data_source_id: ids.dataSourceId, database_id: ids.databaseId },
    url: `https://www.notion.so/${page.id.replaceAll('-', '')}`,
    properties: {
      Name: { id: 'title', type: 'title', title: richTextJson(page.title) },
      'Event ID': { id: 'evid', type: 'rich_text', rich_text: richTextJson(page.eventId ?? '') },
      Kind: { id: 'kind', type: 'select', select: page.kind === null ? null : { id: page.kind, name: page.kind, color: 'default' } },
      Created: { id: 'crtd', type: 'date', date: page.created === null ? null : { start: page.created, end: null, time_zone: null } },
    },
  };
}

export function databaseJson(ids: { databaseId: string; dataSourceId: string }): Record<string, unknown> {
  return {
    object: 'database',
    id: ids.databaseId,
    title: [{ type: 'text', text: { content: 'hubdesk (simulated)', link: null }, plain_text: 'hubdesk (simulated)', href: null }],
    data_sources: [{ id: ids.dataSourceId, name: 'hubdesk events' }],
    is_inline: false,
    in_trash: false,
  };
}

export function dataSourceJson(ids: { databaseId: string; dataSourceId: string }): Record<string, unknown> {
  return {
    object: 'data_source',
    id: ids.dataSourceId,
    parent: { type: 'database_id', database_id: ids.databaseId },
    properties: {
      Name: { id: 'title', name: 'Name', type: 'title', title: {} },
      'Event ID': { id: 'evid', name: 'Event ID', type: 'rich_text', rich_text: {} },
      Kind: { id: 'kind', name: 'Kind', type: 'select', select: { options: [] } },
      Created: { id: 'crtd', name: 'Created', type: 'date', date: {} },
    },
  };
}

export function countPages(pages: readonly SimPage[]): SimCounts {
  const withId = pages.filter((page) => page.eventId !== null);
  const distinct = new Set(withId.map((page) => page.eventId)).size;
  return { pages: pages.length, distinctEventIds: distinct, duplicates: withId.length - distinct };
}

export function errorJson(status: number, code: string, message: string): Record<string, unknown> {
  return { object: 'error', status, code, message, request_id: randomUUID() };
}
