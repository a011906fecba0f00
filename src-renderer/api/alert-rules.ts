// The alert rule editor's command: sends one rule's new threshold or on/off switch to main, with
// who is acting, and records the outcome in the alerts store: main's rule on success, its refusal
// otherwise, or the id of the change the settings gate held for a second person's confirmation.
import type { StoreApi } from 'zustand/vanilla';
import type { AlertRuleId } from '../../src-shared/domain/alerts';
import type { AlertsState } from '../stores/alerts';
import { failRuleSave, finishRuleSave, holdRuleSave, startRuleSave } from '../stores/alerts';
import type { SettingsStoreState } from '../stores/settings';
import { authorName, heldThresholdChange } from '../stores/settings';
import type { RendererBridge } from './bridge';
import { log } from './log';

export interface RuleChange {
  readonly threshold?: number;
  readonly enabled?: boolean;
}

/** What the view may ask: the only command that changes a rule. */
export interface AlertRulesCommand {
  /** Resolves true when main took the change; a save already on its way for the rule is not doubled. */
  save(id: AlertRuleId, change: RuleChange): Promise<boolean>;
}

/** How many recent changes to search for a held one the settings store does not have yet. */
const HELD_LOOKUP_LIMIT = 20;

export class AlertRulesEditor implements AlertRulesCommand {
  private readonly bridge: RendererBridge;
  private readonly store: StoreApi<AlertsState>;
  /** Who is acting and the change history; absent, saves go without a name (main says "Alerts view"). */
  private readonly settings: StoreApi<SettingsStoreState> | undefined;
  private disposed = false;

  constructor(bridge: RendererBridge, store: StoreApi<AlertsState>, settings?: StoreApi<SettingsStoreState>) {
    this.bridge = bridge;
    this.store = store;
    this.settings = settings;
  }

  async save(id: AlertRuleId, change: RuleChange): Promise<boolean> {
    // The store is the guard: setState is synchronous, so a double click cannot send twice.
    if (this.disposed || this.store.getState().saving.has(id)) return false;
    this.store.setState((state) => startRuleSave(state, id));
    const author = this.settings ? authorName(this.settings.getState()) : null;
    const reply = await this.bridge.invoke('alerts:setRule', { id, ...change, ...(author ? { author } : {}) });
    if (this.disposed) return false;
    if (!reply.ok && reply.error.code === 'CHANGE_HELD' && change.threshold !== undefined) {
      log.info(`rule ${id} threshold held for confirmation: ${reply.error.message}`);
      const changeId = await this.findHeldChange({ author: author ?? 'Alerts view', rule: id, threshold: change.threshold });
      if (!this.disposed) this.store.setState((state) => holdRuleSave(state, id, changeId));
      return false;
    }
    if (!reply.ok) {
      log.warn(`rule ${id} not saved (${reply.error.code}): ${reply.error.message}`);
      this.store.setState((state) => failRuleSave(state, id, reply.error));
      return false;
    }
    this.store.setState((state) => finishRuleSave(state, reply.result));
    return true;
  }

  dispose(): void {
    this.disposed = true;
  }

  /**
   * The held change's id. Its settings:changed event was sent before the reply, so the settings
   * store usually has it; while that store is still loading, the recent history is asked.
   */
  private async findHeldChange(change: Parameters<typeof heldThresholdChange>[1]): Promise<number | null> {
    const known = this.settings ? heldThresholdChange(this.settings.getState().records, change) : null;
    if (known !== null) return known;
    const reply = await this.bridge.invoke('settings:history', { limit: HELD_LOOKUP_LIMIT });
    return reply.ok ? heldThresholdChange(reply.result.records, change) : null;
  }
}
