// The Alerts nav button's badge: how many alerts fire now, from the alerts store (kept live
// whatever view is open); nothing while none does.
import { useAlerts } from '../../app-context';
import { firingBadgeText } from './alerts-text';

export function AlertsBadge() {
  const text = useAlerts((state) => firingBadgeText(state.firing));
  if (!text) return null;
  // The space keeps the button's accessible name readable: "Alerts 2 firing".
  return (
    <>
      {' '}
      <span className="nav-badge">{text}</span>
    </>
  );
}
