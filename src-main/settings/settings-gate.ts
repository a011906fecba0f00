// The review gate for risky settings: built-in rules, then the reviewer, then apply — or refuse, or
// hold for a second person. Every decision is recorded in settings.sqlite before anything applies;
// rollbacks pass through the same gate. It never approves a change nobody (rules + reviewer or a
// second person) looked at, and it never applies a refused one.
import type { Logger } from 'pino';
import { SettingsChange } from '../../src-shared/domain/settings';
import type { ChangeRecord, GateFinding, ReviewableSettings, ReviewerConfig, ReviewerVerdict } from '../../src-shared/domain/settings';
import type { HubInfo } from '../../src-shared/ipc/contract';
import { CodedError } from '../../src-shared/ipc/errors';
import { Emitter } from '../../src-shared/util/emitter';
import type { Event } from '../../src-shared/util/emitter';
import { DEFAULT_SETTINGS, changedKeys, changesToReach, effectiveChanges, evaluateChange, isRefused, mergeChanges, normalizeSettings } from './gate-rules';
import type { Changes } from './gate-rules';
import { ReviewerUnavailableError } from './reviewer';
import type { ReviewerClient } from './reviewer';
import { applyPlan } from './settings-apply';
import type { ApplyPlan } from './settings-apply';
import { SettingsStore } from './settings-store';

export interface SettingsGateOptions {
  dataDir: string;
  logger: Logger;
  /** The connected hub's hello; null while not connected (timing changes are then refused). */
  hubInfo: () => HubInfo | null;
  /** Absent or null: built-in rules only. */
  reviewer?: ReviewerClient | null;
  /** Puts settings in force; called only after the record that applies them is committed. */
  apply: (after: ReviewableSettings, before: ReviewableSettings) => void;
  /** The settings in force on the very first start (nothing stored yet); default DEFAULT_SETTINGS. */
  initial?: ReviewableSettings;
  now?: () => number;
}

export interface SettingsChanged {
  record: ChangeRecord;
  /** The settings in force after this event. */
  settings: ReviewableSettings;
  /** What applied now and what waits for the next start; null when nothing was applied. */
  plan: ApplyPlan | null;
}

interface Proposal {
  author: string;
  reason: string;
  changes: Changes;
  rollbackOf: number | null;
}

const APPLIED_STATUSES: ReadonlySet<ChangeRecord['status']> = new Set(['applied', 'confirmed']);

function badInput(message: string, issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): CodedError {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.path.map(String).join('.') || '(input)'] = issue.message;
  return new CodedError('BAD_INPUT', message, { fields });
}

function person(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200) {
    throw badInput(`${field} is required (at most 200 characters)`, [{ path: [field], message: `${field} is required (at most 200 characters)` }]);
  }
  return value.trim();
}

function recordId(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw badInput('record id must be a positive integer', [{ path: ['id'], message: 'must be a positive integer' }]);
  return value;
}

const samePerson = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

const note = (rule: string, severity: GateFinding['severity'], message: string, source: GateFinding['source'] = 'rule'): GateFinding => ({ source, rule, severity, message });

function whenItApplies(changes: Changes): GateFinding[] {
  const plan = applyPlan(changedKeys(changes));
  const parts = [plan.live.length ? `${plan.live.join(', ')}: now` : '', plan.atRestart.length ? `${plan.atRestart.join(', ')}: at the next start` : ''];
  return [note('applies', 'info', `applies ${parts.filter(Boolean).join('; ')}`)];
}

export class SettingsGate {
  private readonly store: SettingsStore;
  private readonly emitter = new Emitter<SettingsChanged>();
  private readonly lifetime = new AbortController();
  private readonly now: () => number;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  readonly onDidChange: Event<SettingsChanged> = this.emitter.event;

  constructor(private readonly options: SettingsGateOptions) {
    this.now = options.now ?? Date.now;
    this.store = new SettingsStore(options.dataDir);
    this.store.initCurrent(normalizeSettings(options.initial ?? DEFAULT_SETTINGS), this.now());
  }

  /** The settings in force (as last applied through the gate). */
  current(): ReviewableSettings {
    const settings = this.store.current();
    if (!settings) throw new Error('settings.sqlite has no current settings');
    return normalizeSettings(settings);
  }

  reviewerConfig(): ReviewerConfig | null {
    return this.options.reviewer?.config ?? null;
  }

  /** Newest first. */
  history(limit = 100): ChangeRecord[] {
    return this.store.list(Number.isFinite(limit) ? Math.max(1, Math.min(10_000, Math.floor(limit))) : 100);
  }

  get(id: number): ChangeRecord | null {
    return this.store.get(id);
  }

  /**
   * Reviews a change (SettingsChange) and applies, refuses or holds it; resolves to its record.
   * Input that is not a SettingsChange is BAD_INPUT, and nothing is recorded.
   */
  async propose(input: unknown): Promise<ChangeRecord> {
    const parsed = SettingsChange.safeParse(input);
    if (!parsed.success) throw badInput('Invalid settings change; nothing was recorded or applied.', parsed.error.issues);
    const { author, reason, changes } = parsed.data;
    return this.serial(() => this.decide({ author: author.trim(), reason, changes, rollbackOf: null }));
  }

  /**
   * Restores the settings as they were right after record `toRecordId` was applied (its `after`),
   * as a new change through the same rules and reviewer, with rollbackOf = toRecordId.
   */
  async rollback(toRecordId: number, author: string, reason: string): Promise<ChangeRecord> {
    const parsed = SettingsChange.omit({ changes: true }).safeParse({ author, reason });
    if (!parsed.success) throw badInput('Invalid rollback; nothing was recorded or applied.', parsed.error.issues);
    const id = recordId(toRecordId);
    return this.serial(() => {
      const target = this.found(id);
      if (!APPLIED_STATUSES.has(target.status)) {
        throw new CodedError('INVALID_STATE', `change #${id} was ${target.status}, never applied: there are no settings of it to restore`);
      }
      const changes = changesToReach(this.current(), target.after);
      return this.decide({ author: parsed.data.author.trim(), reason: parsed.data.reason, changes, rollbackOf: id });
    });
  }

  /**
   * A second person confirms a held change: the rules run again against the settings in force now
   * (they may have changed), then it applies ('confirmed') or is refused.
   */
  async confirm(id: number, confirmer: string): Promise<ChangeRecord> {
    const who = person(confirmer, 'confirmer');
    const checked = recordId(id);
    return this.serial(async () => {
      const record = this.held(checked);
      if (samePerson(record.author, who)) throw new CodedError('INVALID_STATE', `change #${checked} was proposed by ${record.author}: someone else must confirm it`);
      const before = this.current();
      const changes = effectiveChanges(before, record.changes);
      const ruleFindings = evaluateChange({ current: before, changes, reason: record.reason, hub: this.options.hubInfo() });
      const earlier = record.findings.filter((found) => found.source === 'reviewer');
      const at = this.now();
      const refused = isRefused(ruleFindings);
      const decided: ChangeRecord = {
        ...record,
        changes,
        before,
        after: mergeChanges(before, changes),
        findings: [...ruleFindings, ...earlier, ...(refused ? [] : whenItApplies(changes)), note('confirmed-by', 'info', `${refused ? 'refused at confirmation' : 'confirmed'} by ${who}; rules re-run against the settings in force then`)],
        status: refused ? 'refused' : 'confirmed',
        confirmedBy: who,
        confirmedAt: at,
      };
      this.store.update(decided, refused ? null : decided.after);
      return this.finish(decided);
    });
  }

  /** Rejects a held change; nothing applies. The author may withdraw their own. */
  async rejectHeld(id: number, confirmer: string): Promise<ChangeRecord> {
    const who = person(confirmer, 'confirmer');
    const checked = recordId(id);
    return this.serial(async () => {
      const record = this.held(checked);
      const decided: ChangeRecord = { ...record, status: 'rejected-by-confirmer', confirmedBy: who, confirmedAt: this.now() };
      this.store.update(decided, null);
      return this.finish(decided);
    });
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.lifetime.abort();
    this.emitter.dispose();
    // A review in flight is cancelled (its change is held); the store closes once it is recorded.
    void this.queue.then(() => this.store.close());
  }

  /** One decision at a time, so each is made against the settings it will change. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new CodedError('INVALID_STATE', 'the settings gate is closed'));
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private found(id: number): ChangeRecord {
    const record = this.store.get(id);
    if (!record) throw new CodedError('NOT_FOUND', `no settings change #${id}`);
    return record;
  }

  private held(id: number): ChangeRecord {
    const record = this.found(id);
    if (record.status !== 'held') throw new CodedError('INVALID_STATE', `change #${id} is ${record.status}, not held: only a held change can be confirmed or rejected`);
    return record;
  }

  private async decide(proposal: Proposal): Promise<ChangeRecord> {
    const before = this.current();
    const hub = this.options.hubInfo();
    const changes = effectiveChanges(before, proposal.changes);
    const after = mergeChanges(before, changes);
    const findings = evaluateChange({ current: before, changes, reason: proposal.reason, hub });
    let reviewer: ReviewerVerdict = null;
    if (!isRefused(findings)) {
      const review = await this.review({ ...proposal, changes, before, after, findings, hub });
      reviewer = review.verdict;
      findings.push(...review.findings);
    }
    const status = isRefused(findings) ? 'refused' : findings.some((found) => found.severity === 'hold') ? 'held' : 'applied';
    if (status === 'applied') findings.push(...whenItApplies(changes));
    const record = this.store.insert(
      { at: this.now(), author: proposal.author, reason: proposal.reason, changes, before, after, findings, reviewer, status, confirmedBy: null, confirmedAt: null, rollbackOf: proposal.rollbackOf },
      status === 'applied' ? after : null,
    );
    return this.finish(record);
  }

  private async review(input: Proposal & { before: ReviewableSettings; after: ReviewableSettings; findings: GateFinding[]; hub: HubInfo | null }): Promise<{ verdict: ReviewerVerdict; findings: GateFinding[] }> {
    const reviewer = this.options.reviewer;
    if (!reviewer) return { verdict: null, findings: [note('no-reviewer', 'info', 'no reviewer configured: built-in rules only')] };
    const request = { author: input.author, reason: input.reason, changed: changedKeys(input.changes), before: input.before, after: input.after, findings: [...input.findings], hub: input.hub, rollbackOf: input.rollbackOf };
    try {
      const verdict = await reviewer.review(request, this.lifetime.signal);
      const text = verdict.text || '(no reasons given)';
      const severity = verdict.verdict === 'approve' ? 'info' : verdict.verdict === 'reject' ? 'refuse' : 'hold';
      const lead = { approve: 'approved', reject: 'rejected', unsure: 'unsure; a second person must confirm' }[verdict.verdict];
      return { verdict, findings: [note(`reviewer-${verdict.verdict}`, severity, `reviewer ${verdict.model} ${lead}: ${text}`, 'reviewer')] };
    } catch (error) {
      // No verdict is never an approval: the change waits for a second person.
      const message = error instanceof ReviewerUnavailableError ? error.message : `settings reviewer failed: ${(error as Error).message}`;
      if (!(error instanceof ReviewerUnavailableError)) this.options.logger.error({ err: error }, 'settings reviewer failed unexpectedly');
      else this.options.logger.warn({ reason: error.reason }, message);
      return { verdict: null, findings: [note('reviewer-unavailable', 'hold', `${message}; a second person must confirm`, 'reviewer')] };
    }
  }

  /** After the record is committed: put applied settings in force, then tell listeners. */
  private finish(record: ChangeRecord): ChangeRecord {
    const applied = APPLIED_STATUSES.has(record.status);
    let failure: unknown;
    if (applied) {
      try {
        this.options.apply(record.after, record.before);
      } catch (error) {
        failure = error;
        this.options.logger.error({ err: error, change: record.id }, 'settings change recorded but applying it failed');
      }
    }
    this.options.logger.info({ change: record.id, status: record.status, author: record.author, keys: changedKeys(record.changes) }, 'settings change decided');
    const plan = applied ? applyPlan(changedKeys(record.changes)) : null;
    this.emitter.fire({ record, settings: this.current(), plan });
    if (failure !== undefined) {
      throw new CodedError('INTERNAL', `change #${record.id} is recorded as ${record.status}, but applying it failed: ${(failure as Error).message}`);
    }
    return record;
  }
}
