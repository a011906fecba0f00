// The console's refusal to use this hub (its timeout is shorter than the hub's), as an alert over
// every view: the trader must see that nothing will be traded until the settings are fixed.
import { useConnection } from '../../app-context';

export function HubRefusal() {
  const refusal = useConnection((state) => state.info?.refusal ?? null);
  if (!refusal) return null;
  return (
    <div role="alert" className="refusal">
      <strong>Not trading on this hub.</strong> {refusal}
    </div>
  );
}
