// The alert rules form: per rule its threshold (in the rule's unit) and whether it is on, saved
// one rule at a time. A refused save shows main's reason beside the row and keeps what was typed; a
// threshold the settings gate holds for a second person says so, with the change to look for. A
// viewer sees the rules as text: changing them is a trader's.
import { useState } from 'react';
import { ALERT_RULES, alertRuleDef } from '../../../src-shared/domain/alerts';
import type { AlertRule, AlertRuleId } from '../../../src-shared/domain/alerts';
import { useAlertRulesCommand, useAlerts, useRole, useSettings } from '../../app-context';
import { ruleChange, describeRuleError, describeRuleHeld, ruleTimingText, unitText, untouched } from './alerts-text';
import type { RuleDraft } from './alerts-text';

/** The rule's name and what it measures: the same for an editor and a reader. */
function RuleHeading({ rule }: { rule: AlertRule }) {
  const def = alertRuleDef(rule.id);
  return (
    <>
      <th scope="row">{def.label}</th>
      <td className="rule-measures">
        {def.measures}
        <span className="muted rule-timing">{ruleTimingText(def)}</span>
      </td>
    </>
  );
}

function RuleRow({ rule }: { rule: AlertRule }) {
  const command = useAlertRulesCommand();
  const def = alertRuleDef(rule.id);
  const saving = useAlerts((state) => state.saving.has(rule.id));
  const refused = useAlerts((state) => state.ruleErrors.get(rule.id));
  const held = useAlerts((state) => state.ruleHeld.get(rule.id));
  const heldStatus = useSettings((state) => (held === undefined || held === null ? undefined : state.records.find((record) => record.id === held)?.status));
  const [draft, setDraft] = useState<RuleDraft>(untouched);
  const [invalid, setInvalid] = useState(false);
  const change = ruleChange(rule, draft);
  const errorId = `alert-rule-${rule.id}-error`;
  const message = invalid ? 'Not saved: enter a number for the threshold.' : refused ? describeRuleError(refused) : null;

  const save = () => {
    if (change === 'invalid') {
      setInvalid(true);
      return;
    }
    if (change === null) return;
    setInvalid(false);
    void command.save(rule.id, change).then((saved) => {
      // Saved: the rule in the store is now what was typed, so the form shows it again.
      if (saved) setDraft(untouched);
    });
  };

  return (
    <tr className={rule.enabled ? undefined : 'rule-off'}>
      <RuleHeading rule={rule} />
      <td>
        <span className="rule-threshold">
          <span className="muted">{def.fires === 'above' ? 'fires above' : 'fires below'}</span>
          <input
            type="number"
            inputMode="decimal"
            aria-label={`${def.label} threshold`}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? errorId : undefined}
            min={def.min}
            max={def.max}
            step="any"
            value={draft.threshold ?? String(rule.threshold)}
            onChange={(event) => {
              setInvalid(false);
              setDraft({ ...draft, threshold: event.target.value });
            }}
          />
          <span className="rule-unit">{unitText(def)}</span>
        </span>
      </td>
      <td>
        <label className="rule-enabled">
          <input
            type="checkbox"
            aria-label={`${def.label} enabled`}
            checked={draft.enabled ?? rule.enabled}
            onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })}
          />
          <span aria-hidden="true">on</span>
        </label>
      </td>
      <td className="rule-save">
        <button type="button" className="btn btn-small" disabled={change === null || saving} aria-busy={saving || undefined} onClick={save}>
          Save<span className="visually-hidden">{` ${def.label}`}</span>
        </button>
        {message ? (
          <p id={errorId} role="alert" className="rule-error">
            {message}
          </p>
        ) : held !== undefined ? (
          <p role="status" className="rule-held">
            {describeRuleHeld(held, heldStatus)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

function ReadOnlyRuleRow({ rule }: { rule: AlertRule }) {
  const def = alertRuleDef(rule.id);
  return (
    <tr className={rule.enabled ? undefined : 'rule-off'}>
      <RuleHeading rule={rule} />
      <td>
        <span className="muted">{def.fires === 'above' ? 'fires above' : 'fires below'}</span> {rule.threshold} <span className="rule-unit">{unitText(def)}</span>
      </td>
      <td>{rule.enabled ? 'on' : 'off'}</td>
      <td />
    </tr>
  );
}

/** Rules in the release's order; ones main does not know are left out. */
function ordered(rules: readonly AlertRule[]): AlertRule[] {
  const byId = new Map<AlertRuleId, AlertRule>(rules.map((rule) => [rule.id, rule]));
  return ALERT_RULES.flatMap((def) => byId.get(def.id) ?? []);
}

export function AlertRulesTable() {
  const rules = useAlerts((state) => state.rules);
  const Row = useRole() === 'trader' ? RuleRow : ReadOnlyRuleRow;
  return (
    <div className="table-scroll alerts-rules-scroll">
      <table aria-label="Alert rules" className="grid alert-rules">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Measures</th>
            <th scope="col">Threshold</th>
            <th scope="col">Enabled</th>
            <th scope="col">
              <span className="visually-hidden">Save</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules === null ? (
            <tr>
              <td colSpan={5} className="empty">
                Loading…
              </td>
            </tr>
          ) : (
            ordered(rules).map((rule) => <Row key={rule.id} rule={rule} />)
          )}
        </tbody>
      </table>
    </div>
  );
}
