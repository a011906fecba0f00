// Balance, equity, margin and free margin of the trading account, for the top bar.
import { useAccount } from '../../app-context';
import { formatMoney } from '../../components/format';

export function AccountSummary() {
  const account = useAccount((state) => state.account);
  if (!account) {
    return (
      <dl className="account" aria-label="Account">
        <div>
          <dt>Account</dt>
          <dd className="muted">not reported yet</dd>
        </div>
      </dl>
    );
  }
  const items: readonly [string, number][] = [
    ['Balance', account.balance],
    ['Equity', account.equity],
    ['Margin', account.margin],
    ['Free margin', account.freeMargin],
  ];
  return (
    <dl className="account" aria-label="Account">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className={value < 0 ? 'loss' : undefined}>{formatMoney(value, account.currency)}</dd>
        </div>
      ))}
    </dl>
  );
}
